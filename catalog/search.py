"""Product search over name, description, category, vendor and region.

PostgreSQL: every word must match somewhere (AND of words, OR of fields). The product's own text is matched
by full-text search ('simple' config, unaccented, prefix terms) on a stored, GIN-indexed tsvector column;
category and region names against the cached lookups. One small query (WORDS_SQL) finds, per word, the
vendors named like it and its place in the products' vocabulary (table `catalog_search_word`, migration
0009): a word that starts a few words of it is searched as those words; one that is nobody's name and
starts no word is a typo ("kripik", "tappis") and is replaced by its nearest words (`pg_trgm` similarity),
so a typo costs no more than a plain search (it was a trigram scan of ~20,000 product names).
Relevance (ts_rank plus word similarity to the name) orders the newest RANKED matches, fetched with their
score in one query that also gives the page its keys and its (capped) count; later pages list the other
matches newest first. Measured on 200,000 products, finding the newest 1,001 matches of a common word took
several times as long as finding 241: the cost grows with the number of candidates (see bench/README.md,
'Measured design decisions'). Several words are looked for among the WINDOW newest products first
(PostgreSQL misjudges how often words meet). A search's looked-up words and ranked keys are kept until the
next save of a product, vendor or certificate (a new generation of the page cache).
SQLite: the same AND/OR over `icontains`, and, when nothing matches, a forgiving pattern on the name
(letters in order, doubled letters collapsed) so simple typos still find something.
The column `search_document` is made by migration 0006 (not a model field: SQLite has no tsvector).
"""

import functools
import re
import unicodedata

from django.contrib.postgres.search import SearchVectorField
from django.core.cache import cache
from django.db import connection
from django.db.models import BooleanField, DateTimeField, F, FloatField, Func, Q, QuerySet, Value

from sentra.cache import cached_for_generation, queryset_identity
from sentra.pagination import reorder_head
from vendors.models import Vendor

from .models import Product
from .selectors import LOOKUP_TTL, category_tree, region_rows

MAX_QUERY_LENGTH = 100
MAX_TERMS = 6
MIN_TERM_LENGTH = 2
RANKED = 240  # ten pages of 24; later pages list the other matches newest first
RANKING_SECONDS = 60  # how long a search's ranked keys and looked-up words are kept (rank_by_relevance)
WINDOW = 10_000  # several words are first looked for among this many newest products (_several_words_scored)
PREFIX_WORDS = 8  # a term is looked up as the words it starts, or as a prefix when it starts more words
SPELLINGS = 3  # a typo is replaced by at most this many nearest words of the vocabulary ...
MIN_SIMILARITY = 0.3  # ... each at least this similar: "duren" ~ "durian" is 0.3, "kripik" ~ "keripik" 0.5

# Per term, in one round trip: the vendors named like it (trigram index on vendor names), the vocabulary's
# words it starts (up to PREFIX_WORDS + 1, "C" collation primary key) and its nearest words (KNN, GiST index).
WORDS_SQL = """
    SELECT t.term, v.ids, v.names, s.word, s.starts, s.similarity FROM unnest(%s::text[]) AS t(term)
    CROSS JOIN LATERAL (
        SELECT array_agg(id) AS ids, array_agg(name::text) AS names FROM vendors_vendor
        WHERE name ILIKE '%%' || t.term || '%%'
    ) AS v
    LEFT JOIN LATERAL (
        (SELECT w.word, true AS starts, 1.0::real AS similarity FROM catalog_search_word w
         WHERE w.word >= t.term AND w.word < t.term || chr(1114111) ORDER BY w.word LIMIT %s)
        UNION ALL
        (SELECT w.word, false, similarity(w.word, t.term) FROM catalog_search_word w
         ORDER BY w.word <-> t.term LIMIT %s)
    ) AS s ON true
"""


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


class Unwalked(Func):
    """A timestamp plus nothing: the same order, but not one that an index on the column gives."""

    template = "(%(expressions)s + interval '0 seconds')"
    output_field = DateTimeField()


class Matches(Func):
    template = "%(expressions)s"
    arg_joiner = " @@ "
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
    """`matches`, newest first, with the newest RANKED of them put best match first.

    One query fetches the keys of those candidates with their score (and one more key: are there more?);
    `paginate_capped` then fetches a ranked page's rows from `base` by key and counts nothing
    (sentra.pagination.reorder_head)."""
    terms = terms_of(text)
    if terms and connection.vendor == "postgresql":
        any_term = " | ".join(f"{t}:*" for t in terms)
        rank = Func(StoredDocument(), PrefixQuery(Value(any_term)), function="ts_rank", output_field=FloatField())
        similarity = Func(Value(" ".join(terms)), F("name"), function="word_similarity", output_field=FloatField())
        score = rank + similarity
    else:
        score = Value(1.0, output_field=FloatField())
    newest = matches.order_by("-created_at", "-pk")
    if len(terms) > 1 and connection.vendor == "postgresql":
        scored = functools.partial(_several_words_scored, matches, score)
    else:
        scored = functools.partial(_newest_scored, newest, score)
    # The same search is asked again and again ("keripik", "kopi"), by visitors the page cache does not
    # serve (a cart, an account): its ranked keys are kept for the page cache's generation (the ranking is a
    # large part of such a page; see bench/README.md). Stock sends no signal: with `tersedia` a product sold
    # out in the last RANKING_SECONDS may still be listed, as on a cached page; reservation_place re-checks stock.
    identity = f"{queryset_identity(matches)}|{' '.join(terms)}"
    rows = cached_for_generation("search-ranking", identity, scored, RANKING_SECONDS)
    ranked = sorted(rows[:RANKED], key=lambda row: -row[1])  # stable: the newer first among equals
    return reorder_head(newest, [pk for pk, _ in ranked], complete=len(rows) <= RANKED, rows=base)


def _several_words_scored(matches: QuerySet, score: Func) -> list[tuple]:
    """Like `_newest_scored`, for several words: among the WINDOW newest products first, then among all.

    PostgreSQL takes words as independent. For "keripik pisang" (~10,000 matches on the bench data set, where
    it expected ~1,400) it fetched and sorted every match; inside the window it reads ~600 rows, and no
    plan reads more than the window. When the window holds none of the matches, words that rarely meet
    ("keripik tapis": none, ~5,000 expected) would be looked for by walking all 180,000 products newest first,
    by far the slowest plan: the matches are then found through their indexes (an order no index gives).
    See bench/README.md, 'Measured design decisions'."""
    newest = matches.order_by("-created_at", "-pk")
    start = _window_start()
    if start is None:
        return _newest_scored(newest, score)
    rows = _newest_scored(newest.filter(created_at__gte=start), score)
    if len(rows) > RANKED:
        return rows
    return _newest_scored(newest if rows else matches.order_by(Unwalked(F("created_at")).desc(), "-pk"), score)


def _newest_scored(newest: QuerySet, score: Func) -> list[tuple]:
    """(pk, score) of the first RANKED + 1 rows of `newest`, newest first."""
    # Scored in an outer query: in the candidates' own SELECT, PostgreSQL scored every match before keeping
    # the newest ("kripik pisang" and its ~10,000 matches on the bench data set). Ordered there too: reading
    # 241 timestamps to sort them in Python was slower (psycopg parses them in Python). See bench/README.md.
    scored = newest.model.objects.filter(pk__in=newest.values("pk")[: RANKED + 1]).annotate(search_rank=score)
    return list(scored.order_by("-created_at", "-pk").values_list("pk", "search_rank"))


def _window_start():
    """When the WINDOW-th newest public product was created (None: fewer products), cached a few minutes."""
    cached = cache.get("catalog:search-window")
    if cached is None:
        public = Product.objects.published().order_by("-created_at", "-pk")
        cached = tuple(public.values_list("created_at", flat=True)[WINDOW : WINDOW + 1]) or (None,)
        cache.set("catalog:search-window", cached, LOOKUP_TTL)
    return cached[0]


def _related_matches(terms: list[str], vendors: list[tuple[int, str]]) -> list[Q]:
    """Per term: products whose category (or its parent), vendor or vendor's region is named like it.

    Categories and regions come from the cached lookups, `vendors` (pk, name) from one query for all terms,
    so the conditions are literal id lists, not subqueries: PostgreSQL can then combine their indexes with
    the full-text index (a subquery inside the OR made it scan every product for a rare word).
    """
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
        match |= Q(regency_id__in=regions) if regions else Q()  # the product's copy of its vendor's region
        matches.append(match)
    return matches


def _vendors_named(terms: list[str]) -> list[tuple[int, str]]:
    """(pk, name) of vendors whose name contains any term (SQLite; PostgreSQL asks in WORDS_SQL)."""
    named = Q()
    for term in terms:
        named |= Q(name__icontains=term)
    return list(Vendor.objects.filter(named).values_list("pk", "name"))


def _named(term: str, *names: str) -> bool:
    return any(term in _normalized_name(name) for name in names if name)


@functools.lru_cache(maxsize=8192)
def _normalized_name(name: str) -> str:
    """`normalize` of a category, region or vendor name: the same few thousand names on every search."""
    return normalize(name)


def _search_postgresql(queryset: QuerySet, terms: list[str]) -> QuerySet:
    vendors, starts, nearest = _look_up_words(terms)
    match = Q()
    for term, named in zip(terms, _related_matches(terms, vendors), strict=True):
        if named and term not in starts:
            match &= named  # no product's text has a word starting with it ("pesawaran": a region's name)
        else:
            match &= Q(Matches(StoredDocument(), PrefixQuery(Value(_term_query(term, starts, nearest))))) | named
    return queryset.filter(match)


def _look_up_words(terms: list[str]) -> tuple[list, dict[str, list[str]], dict[str, list[str]]]:
    """Vendors named like any term, and per term the vocabulary's words it starts and its nearest words.

    Kept for the page cache's generation: vendor names and the vocabulary change only when a vendor or
    product is saved, which starts a new one."""
    fetch = functools.partial(_fetch_words, terms)
    return cached_for_generation("search-words", "|".join(terms), fetch, RANKING_SECONDS)


def _fetch_words(terms: list[str]) -> tuple[list, dict[str, list[str]], dict[str, list[str]]]:
    with connection.cursor() as cursor:
        cursor.execute(WORDS_SQL, [terms, PREFIX_WORDS + 1, SPELLINGS])
        rows = cursor.fetchall()
    vendors = {pk: name for _, ids, names, *_ in rows if ids for pk, name in zip(ids, names, strict=True)}
    starts: dict[str, list[str]] = {}
    nearest: dict[str, list[str]] = {}
    for term, _, _, word, starts_it, similarity in rows:
        if word is not None and starts_it:
            starts.setdefault(term, []).append(word)
        elif word is not None and similarity >= MIN_SIMILARITY:
            nearest.setdefault(term, []).append(word)
    return list(vendors.items()), starts, nearest


def _term_query(term: str, starts: dict, nearest: dict) -> str:
    """The tsquery of a term: the words it starts, as exact words (the GIN index finds them ~3x faster than
    a prefix), or the prefix itself when it starts too many; a term that starts no word is a typo, and its
    nearest words stand for it (or, with none near enough, the prefix finds nothing)."""
    words = starts.get(term) or nearest.get(term, [])
    return " | ".join(words) if 0 < len(words) <= PREFIX_WORDS else f"{term}:*"


def _search_fallback(queryset: QuerySet, terms: list[str]) -> QuerySet:
    strict = Q()
    for term, related in zip(terms, _related_matches(terms, _vendors_named(terms)), strict=True):
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
