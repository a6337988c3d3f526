"""Pagination without an exact COUNT(*) over the whole result set.

A page fetches one row more than it shows (to know whether a next page exists); the total is counted only
up to `cap` rows through a sliced subquery, so a list of 200,000 products costs no more than one of 1,000.
A list whose first rows were re-ordered by key (`reorder_head`: search results ranked by relevance) costs
one query by key for a page among them, and no count.
"""

import math
from dataclasses import dataclass, field

from django.db.models import F, Func, IntegerField, QuerySet

from sentra.cache import cached_count

DEEP_OFFSET = 240  # from page 11 of 24: find the page's keys first, then fetch those rows
MAX_PAGE_NUMBER = 2_000  # deeper pages would make the database skip too many rows; nobody browses that far


def parse_page_number(raw: str | None) -> int:
    """Return a page number from a query parameter: text, 0 or negative becomes 1, huge becomes the last allowed."""
    try:
        number = int(str(raw).strip()[:12])
    except (TypeError, ValueError):
        return 1
    return min(max(number, 1), MAX_PAGE_NUMBER)


@dataclass
class CappedPage:
    object_list: list
    number: int
    per_page: int
    has_next: bool
    count: int | None = None  # exact number of results, or the cap when `count_is_capped`
    count_is_capped: bool = False
    extra: dict = field(default_factory=dict)

    def __iter__(self):
        return iter(self.object_list)

    def __len__(self) -> int:
        return len(self.object_list)

    @property
    def has_previous(self) -> bool:
        return self.number > 1

    @property
    def has_other_pages(self) -> bool:
        return self.has_previous or self.has_next

    @property
    def previous_page_number(self) -> int:
        return self.number - 1

    @property
    def next_page_number(self) -> int:
        return self.number + 1

    @property
    def total_pages(self) -> int | None:
        if self.count is None or self.count_is_capped:
            return None
        return max(math.ceil(self.count / self.per_page), 1)

    @property
    def start_index(self) -> int:
        return (self.number - 1) * self.per_page + 1 if self.object_list else 0

    @property
    def end_index(self) -> int:
        return self.start_index + len(self.object_list) - 1 if self.object_list else 0

    @property
    def is_past_the_end(self) -> bool:
        return self.number > 1 and not self.object_list


@dataclass(frozen=True)
class ReorderedHead:
    keys: list  # the first len(keys) rows of `rest`, in their new order
    complete: bool  # `rest` has no rows beyond these
    rest: QuerySet  # the list in its own order
    rows: QuerySet  # where the head's rows are fetched by key (the same rows, fewer conditions)


class KeyPosition(Func):
    """The row's position in `keys` (len(keys) when absent) as one simple CASE on the primary key.

    Written as SQL rather than Case(When(pk=...), ...): building 240 When objects was a noticeable cost of
    every search page (see bench/README.md), and this expression is only compiled when the reordered queryset
    itself is evaluated."""

    output_field = IntegerField()

    def __init__(self, keys: list):
        super().__init__(F("pk"))
        self.keys = list(keys)

    def as_sql(self, compiler, connection, **extra_context):
        if not self.keys:
            return "%s", (0,)
        pk_sql, pk_params = compiler.compile(self.source_expressions[0])
        params = [*pk_params]
        for position, key in enumerate(self.keys):
            params += [key, position]
        whens = " ".join(["WHEN %s THEN %s"] * len(self.keys))
        return f"CASE {pk_sql} {whens} ELSE %s END", (*params, len(self.keys))


def reorder_head(queryset: QuerySet, keys: list, *, complete: bool, rows: QuerySet | None = None) -> QuerySet:
    """`queryset` (ordered) with its first len(keys) rows put in the order of `keys`, e.g. ranked by relevance.

    `keys` must be exactly those first rows' primary keys; `complete` says there are no more rows. For
    `paginate_capped` a page inside the head is one query by key (on `rows`, default `queryset`) and its count
    comes free: len(keys), capped unless complete. The keys ride on the returned queryset; any other use (or
    a further `.filter()`, which drops them) gets the same rows in the same order from the database."""
    reordered = queryset.order_by(KeyPosition(keys), *queryset.query.order_by)
    reordered.reordered_head = ReorderedHead(list(keys), complete, queryset, queryset if rows is None else rows)
    return reordered


def paginate_capped(
    queryset: QuerySet, *, number: int, per_page: int, cap: int = 1000, count: bool = True
) -> CappedPage:
    """Return page `number` of `queryset` with a total counted up to `cap` (one query) when it is needed.

    `count=False` skips that query: the page then knows only whether there is a next one."""
    offset = (number - 1) * per_page
    head = getattr(queryset, "reordered_head", None)
    if head is not None:
        return _paginate_head(head, number=number, per_page=per_page, count=count)
    rows = _fetch_rows(queryset, offset, per_page + 1)
    has_next = len(rows) > per_page
    rows = rows[:per_page]
    page = CappedPage(object_list=rows, number=number, per_page=per_page, has_next=has_next)
    if not has_next and (rows or number == 1):
        page.count = offset + len(rows)  # the last page tells the exact total for free
    elif rows and count:
        counted = cached_count(queryset.order_by().values("pk")[: cap + 1])
        page.count, page.count_is_capped = min(counted, cap), counted > cap
    return page


def _paginate_head(head: ReorderedHead, *, number: int, per_page: int, count: bool) -> CappedPage:
    offset, end = (number - 1) * per_page, number * per_page + 1
    wanted = head.keys[offset:end]
    by_pk = {row.pk: row for row in head.rows.order_by().filter(pk__in=wanted)} if wanted else {}
    rows = [by_pk[key] for key in wanted if key in by_pk]
    if not head.complete and end > len(head.keys):
        start = max(offset, len(head.keys))
        rows += _fetch_rows(head.rest, start, end - start)
    page = CappedPage(object_list=rows[:per_page], number=number, per_page=per_page, has_next=len(rows) > per_page)
    if count or head.complete:
        page.count, page.count_is_capped = len(head.keys), not head.complete
    return page


def _fetch_rows(queryset: QuerySet, offset: int, limit: int) -> list:
    """Rows `offset`…`offset + limit` in order. For deep pages the database skips keys, not whole joined rows:
    on 200,000 products page 400 was much faster as keys + rows than as one query (see bench/README.md,
    'Measured design decisions')."""
    if offset < DEEP_OFFSET:
        return list(queryset[offset : offset + limit])
    keys = list(queryset.values_list("pk", flat=True)[offset : offset + limit])
    by_pk = {row.pk: row for row in queryset.order_by().filter(pk__in=keys)}
    return [by_pk[key] for key in keys if key in by_pk]
