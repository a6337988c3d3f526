"""Product search over name, description, category, vendor and region.

PostgreSQL: every word must match somewhere (AND of words, OR of fields). The product's own text is matched
by full-text search ('simple' config, unaccented, prefix terms) on a GIN expression index; category, vendor
and region names by small subqueries on their tables; and `pg_trgm` word similarity on the name catches
typos ("kripik pisang", "tappis"). Results are ranked by ts_rank plus similarity.
SQLite: the same AND/OR over `icontains`, and, when nothing matches, a forgiving pattern on the name
(letters in order, doubled letters collapsed) so simple typos still find something.
The SQL of `ProductDocument` must stay identical to the index made in migration 0005.
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


class ProductDocument(Func):
    """to_tsvector over a product's own text; matches the GIN index `product_search_document_idx`."""

    template = "to_tsvector('simple'::regconfig, sentra_unaccent(%(expressions)s))"
    arg_joiner = " || ' ' || "
    output_field = SearchVectorField()

    def __init__(self):
        super().__init__(F("name"), F("description"))


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
    """Filter `queryset` to products matching `text` and annotate `search_rank` (higher is better)."""
    terms = terms_of(text)
    if not terms:
        return queryset.none().annotate(search_rank=Cast(Value(0), FloatField()))
    if connection.vendor == "postgresql":
        return _search_postgresql(queryset, terms)
    return _search_fallback(queryset, terms)


def _related_matches(term: str) -> Q:
    """Products whose category (or its parent), vendor or vendor's region is named like `term`."""
    from vendors.models import Vendor

    from .models import Category

    categories = Category.objects.filter(
        Q(name__icontains=term) | Q(name_en__icontains=term) | Q(parent__name__icontains=term)
    ).values("pk")
    vendors = Vendor.objects.filter(Q(name__icontains=term) | Q(regency__name__icontains=term)).values("pk")
    return Q(category_id__in=categories) | Q(vendor_id__in=vendors)


def _search_postgresql(queryset: QuerySet, terms: list[str]) -> QuerySet:
    phrase = " ".join(terms)
    condition = Q()
    for term in terms:
        condition &= Q(Matches(ProductDocument(), PrefixQuery(Value(f"{term}:*")))) | _related_matches(term)
    condition |= Q(WordSimilar(F("name"), Value(phrase)))
    any_term = " | ".join(f"{t}:*" for t in terms)
    rank = Func(ProductDocument(), PrefixQuery(Value(any_term)), function="ts_rank", output_field=FloatField())
    similarity = Func(Value(phrase), F("name"), function="word_similarity", output_field=FloatField())
    return queryset.filter(condition).annotate(search_rank=rank + similarity)


def _text_matches(term: str) -> Q:
    return Q(name__icontains=term) | Q(description__icontains=term) | _related_matches(term)


def _search_fallback(queryset: QuerySet, terms: list[str]) -> QuerySet:
    strict = Q()
    for term in terms:
        strict &= _text_matches(term)
    found = queryset.filter(strict)
    if found.exists():
        return found.annotate(search_rank=Cast(Value(1), FloatField()))
    fuzzy = Q()
    for term in terms:
        fuzzy &= Q(name__iregex=forgiving_pattern(term))
    return queryset.filter(fuzzy).annotate(search_rank=Cast(Value(0), FloatField()))


def forgiving_pattern(term: str) -> str:
    """A regex for typos: the term's letters in order with anything between, doubled letters collapsed."""
    letters = re.sub(r"(.)\1+", r"\1", term)
    return ".*".join(re.escape(c) for c in letters)
