"""Product search over name, description, category, vendor and region.

PostgreSQL: every word must match somewhere (AND of words, OR of fields). The product's own text is matched
by full-text search ('simple' config, unaccented, prefix terms) on a stored, GIN-indexed tsvector column;
category, vendor and region names by small subqueries on their tables. Only when that finds nothing does
`pg_trgm` word similarity on the name catch typos ("kripik pisang", "tappis"). Relevance (ts_rank plus
similarity) is computed for at most RANK_CANDIDATES matches, the newest: ranking all ~20,000 matches of a
common word on 200,000 products took seconds (measured with bench/).
SQLite: the same AND/OR over `icontains`, and, when nothing matches, a forgiving pattern on the name
(letters in order, doubled letters collapsed) so simple typos still find something.
The column `search_document` is made by migration 0006 (not a model field: SQLite has no tsvector).
"""

import re
import unicodedata

from django.contrib.postgres.search import SearchVectorField
from django.db import connection
from django.db.models import BooleanField, F, FloatField, Func, Q, QuerySet, Value
from django.db.models.functions import Cast

MAX_QUERY_LENGTH = 100
MAX_TERMS = 6
MIN_TERM_LENGTH = 2
RANK_CANDIDATES = 1001  # one more than the catalogue's count cap, so a common word still shows "1000+"


class StoredDocument(Func):
    """The product's generated tsvector column `search_document` (GIN index `product_search_stored_idx`)."""

    output_field = SearchVectorField()

    def __init__(self):
        super().__init__(F("pk"))

    def as_sql(self, compiler, connection, **extra_context):
        pk_sql, params = compiler.compile(self.source_expressions[0])  # "<table or alias>"."id"
        return f'{pk_sql.rsplit(".", 1)[0]}."search_document"', params


class PrefixQuery(Func):
    template = "to_tsquery('simple'::regconfig, sentra_unaccent(%(expressions)s))"


class Matches(Func):
    template = "%(expressions)s"
    arg_joiner = " @@ "
    output_field = BooleanField()


class WordSimilar(Func):
    """`name %> query`: pg_trgm word similarity above the threshold (uses the trigram index on name)."""

    template = "%(expressions)s"
    arg_joiner = " %%> "
    output_field = BooleanField()


def normalize(text: str) -> str:
    """Lower-case, strip accents and control characters, cut to MAX_QUERY_LENGTH."""
    text = unicodedata.normalize("NFKD", text or "")
    text = "".join(c for c in text if not unicodedata.combining(c) and unicodedata.category(c)[0] != "C")
    return " ".join(text.lower().split())[:MAX_QUERY_LENGTH]


def terms_of(text: str) -> list[str]:
    """The words of a query worth searching for: letters and digits only, at most MAX_TERMS."""
    words = re.findall(r"\w+", normalize(text))
    words = [w.replace("_", "") for w in words]
    return [w for w in words if len(w) >= MIN_TERM_LENGTH][:MAX_TERMS]


def search_products(queryset: QuerySet, text: str) -> QuerySet:
    """Filter `queryset` to products matching `text` (order them with `rank_by_relevance`)."""
    terms = terms_of(text)
    if not terms:
        return queryset.none()
    if connection.vendor == "postgresql":
        return _search_postgresql(queryset, terms)
    return _search_fallback(queryset, terms)


def rank_by_relevance(matches: QuerySet, text: str, *, base: QuerySet) -> QuerySet:
    """Rows of `base` among the newest RANK_CANDIDATES of `matches`, best match first (`search_rank`)."""
    terms = terms_of(text)
    # Fetched once as ids: as a subquery it ran twice per page (rows, then the capped count).
    candidates = list(matches.order_by("-created_at", "-pk").values_list("pk", flat=True)[:RANK_CANDIDATES])
    if terms and connection.vendor == "postgresql":
        any_term = " | ".join(f"{t}:*" for t in terms)
        rank = Func(StoredDocument(), PrefixQuery(Value(any_term)), function="ts_rank", output_field=FloatField())
        similarity = Func(Value(" ".join(terms)), F("name"), function="word_similarity", output_field=FloatField())
        score = rank + similarity
    else:
        score = Cast(Value(1), FloatField())
    ranked = base.filter(pk__in=candidates).annotate(search_rank=score)
    return ranked.order_by(F("search_rank").desc(), "-created_at", "-pk")


def _related_matches(terms: list[str]) -> list[Q]:
    """Per term: products whose category (or its parent), vendor or vendor's region is named like it.

    Categories and regions come from the cached lookups and vendors from one query for all terms, so the
    conditions are literal id lists, not subqueries: PostgreSQL can then combine their indexes with the
    full-text index (a subquery inside the OR made it scan every product for a rare word).
    """
    from vendors.models import Vendor

    from .selectors import category_tree, region_rows

    named = Q()
    for term in terms:
        named |= Q(name__icontains=term)
    vendors = list(Vendor.objects.filter(named).values_list("pk", "name"))
    matches = []
    for term in terms:
        categories = []
        for root in category_tree():
            root_named = _named(term, root.name, root.name_en)
            categories += [root.pk] if root_named else []
            categories += [c.pk for c in root.children if root_named or _named(term, c.name, c.name_en)]
        regions = [row.code for row in region_rows() if _named(term, row.name)]
        vendor_ids = [pk for pk, name in vendors if _named(term, name)]
        match = Q(category_id__in=categories) if categories else Q()
        match |= Q(vendor_id__in=vendor_ids) if vendor_ids else Q()
        match |= Q(vendor__regency_id__in=regions) if regions else Q()
        matches.append(match)
    return matches


def _named(term: str, *names: str) -> bool:
    return any(term in normalize(name) for name in names if name)


def _search_postgresql(queryset: QuerySet, terms: list[str]) -> QuerySet:
    strict = Q()
    for term, related in zip(terms, _related_matches(terms), strict=True):
        strict &= Q(Matches(StoredDocument(), PrefixQuery(Value(f"{term}:*")))) | related
    found = queryset.filter(strict)
    # Not .exists(): for a word in no product PostgreSQL estimates a few hundred matches, and with LIMIT 1
    # it then scans the whole table hoping to meet one early (~250 ms on 200,000 products). With LIMIT 20
    # the GIN index wins for absent words and a common word still stops after a few rows.
    if found.order_by().values("pk")[:20]:
        return found
    # Nothing matches word for word: forgive typos by trigram word similarity on the name (trigram index),
    # still every word (threshold 0.5, set per connection in settings: "kripik" ~ "keripik" is 0.57).
    fuzzy = Q()
    for term in terms:
        fuzzy &= Q(WordSimilar(F("name"), Value(term)))
    return queryset.filter(fuzzy)


def _search_fallback(queryset: QuerySet, terms: list[str]) -> QuerySet:
    strict = Q()
    for term, related in zip(terms, _related_matches(terms), strict=True):
        strict &= Q(name__icontains=term) | Q(description__icontains=term) | related
    found = queryset.filter(strict)
    if found.exists():
        return found
    fuzzy = Q()
    for term in terms:
        fuzzy &= Q(name__iregex=forgiving_pattern(term))
    return queryset.filter(fuzzy)


def forgiving_pattern(term: str) -> str:
    """A regex for typos: the term's letters in order with anything between, doubled letters collapsed."""
    letters = re.sub(r"(.)\1+", r"\1", term)
    return ".*".join(re.escape(c) for c in letters)
