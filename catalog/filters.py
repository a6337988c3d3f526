"""Filters of the public catalogue and the vendor directory (GET parameters in Indonesian, SPEC §6).

Invalid values never break a page: django-filter drops an invalid field from `cleaned_data`, the view shows
the field's error as a notice, and the rest of the filters still apply.
"""

from html import escape as _e

import django_filters
from django import forms
from django.db.models import Exists, OuterRef, QuerySet
from django.forms.utils import flatatt
from django.http import QueryDict
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy as _

from sentra.money import format_rupiah
from vendors.models import Vendor
from vendors.selectors import all_centres, centre_by_slug

from . import selectors
from .models import Certificate, Product
from .search import MAX_QUERY_LENGTH, rank_by_relevance, search_products

MAX_PRICE = 1_000_000_000


class Sort:
    RELEVANT, NEWEST, CHEAPEST, PRICIEST, NAME = "relevan", "terbaru", "termurah", "termahal", "nama"
    RATING, BESTSELLING = "rating", "terlaris"
    CHOICES = [
        (RELEVANT, _("Paling relevan")),
        (NEWEST, _("Terbaru")),
        (CHEAPEST, _("Harga termurah")),
        (PRICIEST, _("Harga termahal")),
        (NAME, _("Nama A–Z")),
        (RATING, _("Rating tertinggi")),
        (BESTSELLING, _("Terlaris")),
    ]
    ORDERINGS = {
        NEWEST: ("-created_at", "-pk"),
        CHEAPEST: ("price", "pk"),
        PRICIEST: ("-price", "-pk"),
        NAME: ("name", "pk"),
        # Partial indexes product_public_rating_idx and product_public_sold_idx (catalog migration 0014).
        RATING: ("-rating_avg", "-rating_count", "-pk"),
        BESTSELLING: ("-sold_count", "-pk"),
    }


def category_choices() -> list[tuple[str, str]]:
    choices = []
    for root in selectors.category_tree():
        choices.append((root.slug, root.label))
        choices.extend((child.slug, f"— {child.label}") for child in root.children)
    return choices


def region_choices() -> list[tuple[str, str]]:
    return [(row.slug, row.name) for row in selectors.region_rows()]


class FastSelect(forms.Select):
    """A <select> built in Python. The filter form is on every catalogue request, and Django's widget
    templates (one template render per <option>) cost more than the page's queries for ~40 options."""

    def render(self, name, value, attrs=None, renderer=None) -> SafeString:
        attrs = self.build_attrs(self.attrs, attrs)
        chosen = "" if value is None else str(value)
        # html.escape on str() of each value: what format_html does per option, without its per-argument checks
        # (they add up over the category and region lists of every catalogue page; see bench/README.md).
        options = "".join(
            f'<option value="{_e(str(key))}"{" selected" if str(key) == chosen else ""}>{_e(str(label))}</option>'
            for key, label in self.choices
        )
        return format_html('<select name="{}"{}>{}</select>', name, flatatt(attrs), mark_safe(options))  # noqa: S308


class FastInputMixin:
    """Render an <input> in Python, as Django's input.html does (no template render per field)."""

    def render(self, name, value, attrs=None, renderer=None) -> SafeString:
        widget = self.get_context(name, value, attrs)["widget"]
        shown = "" if widget["value"] is None else format_html(' value="{}"', widget["value"])
        return format_html('<input type="{}" name="{}"{}{}>', widget["type"], name, shown, flatatt(widget["attrs"]))


class FastTextInput(FastInputMixin, forms.TextInput):
    pass


class FastNumberInput(FastInputMixin, forms.NumberInput):
    pass


class FastCheckbox(FastInputMixin, forms.CheckboxInput):
    pass


class FastCheckboxes(forms.CheckboxSelectMultiple):
    """Checkboxes in Python, with the markup of Django's checkbox_select.html (ids `<id>_<n>`, one label each)."""

    def render(self, name, value, attrs=None, renderer=None) -> SafeString:
        widget = self.get_context(name, value, attrs)["widget"]
        boxes = format_html_join(
            "",
            '<div><label for="{}"><input type="checkbox" name="{}" value="{}"{}> {}</label></div>',
            (
                (option["attrs"].get("id", ""), name, option["value"], flatatt(option["attrs"]), option["label"])
                for _group, options, _index in widget["optgroups"]
                for option in options
            ),
        )
        wrapper = {"id": widget["attrs"]["id"]} if widget["attrs"].get("id") else {}
        return format_html("<div{}>{}</div>", flatatt(wrapper), boxes)


class SearchField(forms.CharField):
    def to_python(self, value):
        return super().to_python(value)[:MAX_QUERY_LENGTH]  # a very long query is cut, not refused


class SearchFilter(django_filters.CharFilter):
    field_class = SearchField


class RupiahField(forms.IntegerField):
    widget = FastNumberInput


class RupiahFilter(django_filters.NumberFilter):
    field_class = RupiahField  # whole rupiah: "1e9", "NaN" or "12.5" are refused, not guessed


def category_filter() -> django_filters.ChoiceFilter:
    """`kategori`: a category slug; a parent category includes its children (each FilterSet's filter_category)."""
    return django_filters.ChoiceFilter(
        label=_("Kategori"),
        choices=category_choices,
        method="filter_category",
        empty_label=_("Semua kategori"),
        widget=FastSelect,
    )


def region_filter() -> django_filters.ChoiceFilter:
    """`daerah`: a regency slug (each FilterSet's filter_region)."""
    return django_filters.ChoiceFilter(
        label=_("Asal daerah"),
        choices=region_choices,
        method="filter_region",
        empty_label=_("Semua daerah"),
        widget=FastSelect,
    )


def centre_filter() -> django_filters.ChoiceFilter:
    """`sentra`: a centre slug (each FilterSet's filter_centre); a forged one is refused with a message."""
    return django_filters.ChoiceFilter(
        label=_("Sentra"),
        choices=lambda: [(c.slug, c.name) for c in all_centres()],
        method="filter_centre",
        empty_label=_("Semua sentra"),
        widget=FastSelect,
        error_messages={"invalid_choice": _("Sentra ini tidak dikenal; hasil dari semua sentra ditampilkan.")},
    )


def _in_centre(queryset: QuerySet, value: str, path: str) -> QuerySet:
    centre = centre_by_slug(value)
    return queryset.filter(**{path: centre.pk}) if centre else queryset


class ProductFilter(django_filters.FilterSet):
    q = SearchFilter(label=_("Kata kunci"), method="filter_search")
    kategori = category_filter()
    daerah = region_filter()
    sentra = centre_filter()
    sertifikat = django_filters.MultipleChoiceFilter(
        label=_("Sertifikat"),
        choices=Certificate.Kind.choices,
        method="filter_certificates",
        widget=FastCheckboxes,
    )
    harga_min = RupiahFilter(
        label=_("Harga minimal (Rp)"), field_name="price", lookup_expr="gte", min_value=0, max_value=MAX_PRICE
    )
    harga_maks = RupiahFilter(
        label=_("Harga maksimal (Rp)"), field_name="price", lookup_expr="lte", min_value=0, max_value=MAX_PRICE
    )
    tersedia = django_filters.BooleanFilter(
        label=_("Hanya yang tersedia"), method="filter_available", widget=FastCheckbox
    )
    bintang = django_filters.BooleanFilter(label=_("Bintang 4+"), method="filter_four_stars", widget=FastCheckbox)
    urut = django_filters.ChoiceFilter(label=_("Urutkan"), choices=Sort.CHOICES, method="keep", empty_label=None)

    class Meta:
        model = Product
        fields: list[str] = []

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.form.fields["q"].widget = FastTextInput(
            attrs={"type": "search", "maxlength": MAX_QUERY_LENGTH, "placeholder": _("Keripik, kopi, tapis…")}
        )
        self.form.fields["urut"].required = False

    def filter_search(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return search_products(queryset, value[:MAX_QUERY_LENGTH]) if value.strip() else queryset

    def filter_category(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        node = selectors.categories_by_slug().get(value)
        return queryset.filter(category_id__in=node.ids) if node else queryset

    def filter_region(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        row = selectors.regions_by_slug().get(value)
        return queryset.filter(regency_id=row.code) if row else queryset

    def filter_centre(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return _in_centre(queryset, value, "vendor__centre_id")

    def filter_certificates(self, queryset: QuerySet, name: str, value: list[str]) -> QuerySet:
        for kind in dict.fromkeys(value):
            queryset = queryset.with_certificate(kind)
        return queryset

    def filter_available(self, queryset: QuerySet, name: str, value: bool | None) -> QuerySet:
        return queryset.available() if value else queryset

    def filter_four_stars(self, queryset: QuerySet, name: str, value: bool | None) -> QuerySet:
        """Products whose visible reviews average 4 stars or more (Product.rating_avg, kept by reviews)."""
        return queryset.filter(rating_avg__gte=4) if value else queryset

    def keep(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return queryset  # ordering happens last, in filter_queryset

    def filter_queryset(self, queryset: QuerySet) -> QuerySet:
        queryset = super().filter_queryset(queryset)
        sort = self.sort
        if sort == Sort.RELEVANT:
            return rank_by_relevance(queryset, self.form.cleaned_data["q"], base=self.queryset)
        return queryset.order_by(*Sort.ORDERINGS[sort])

    def chips(self, query: QueryDict) -> list[dict]:
        return product_chips(self, query)

    @property
    def sort(self) -> str:
        """The ordering in effect: `relevan` only while searching (and the default then), else `terbaru`."""
        data = getattr(self.form, "cleaned_data", {})
        searching = bool((data.get("q") or "").strip())
        chosen = data.get("urut") or (Sort.RELEVANT if searching else Sort.NEWEST)
        return Sort.NEWEST if chosen == Sort.RELEVANT and not searching else chosen


class VendorFilter(django_filters.FilterSet):
    daerah = region_filter()
    sentra = centre_filter()
    kategori = category_filter()
    jenis = django_filters.ChoiceFilter(
        label=_("Jenis usaha"),
        choices=Vendor.Kind.choices,
        field_name="kind",
        empty_label=_("Semua jenis"),
        widget=FastSelect,
    )

    class Meta:
        model = Vendor
        fields: list[str] = []

    def filter_region(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        row = selectors.regions_by_slug().get(value)
        return queryset.filter(regency_id=row.code) if row else queryset

    def filter_centre(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return _in_centre(queryset, value, "centre_id")

    def filter_category(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        node = selectors.categories_by_slug().get(value)
        if node is None:
            return queryset
        sells = Product.objects.published().filter(vendor=OuterRef("pk"), category_id__in=node.ids)
        declared = Vendor.categories.through.objects.filter(vendor_id=OuterRef("pk"), category_id__in=node.ids)
        return queryset.filter(Exists(sells) | Exists(declared))


def _without(query: QueryDict, name: str, value: str | None = None) -> str:
    """The query string of the current list without `name` (or one of its values), back on page one."""
    remaining = query.copy()
    remaining.pop("halaman", None)
    if value is None:
        remaining.pop(name, None)
    else:
        remaining.setlist(name, [v for v in remaining.getlist(name) if v != value])
    encoded = remaining.urlencode()
    return f"?{encoded}" if encoded else "?"


def product_chips(filterset: "ProductFilter", query: QueryDict) -> list[dict]:
    """Active filters as removable chips: label and the URL without that filter."""
    data = getattr(filterset.form, "cleaned_data", {})
    labels = {
        "q": lambda v: _("“%(q)s”") % {"q": v},
        "kategori": lambda v: selectors.categories_by_slug()[v].label,
        "daerah": lambda v: selectors.regions_by_slug()[v].name,
        "sentra": lambda v: centre_by_slug(v).name,
        "harga_min": lambda v: _("Mulai %(price)s") % {"price": format_rupiah(v)},
        "harga_maks": lambda v: _("Sampai %(price)s") % {"price": format_rupiah(v)},
        "tersedia": lambda v: _("Tersedia"),
        "bintang": lambda v: _("Bintang 4+"),
    }
    chips = []
    for name, label in labels.items():
        value = data.get(name)
        if value not in (None, "", False):
            chips.append({"label": label(value), "url": _without(query, name)})
    kinds = dict(Certificate.Kind.choices)
    for kind in dict.fromkeys(data.get("sertifikat") or []):
        chips.append({"label": kinds[kind], "url": _without(query, "sertifikat", kind)})
    return chips
