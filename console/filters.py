"""Filters of the Dinas console lists (django-filter); query parameters in Indonesian."""

import django_filters
from django.db.models import Exists, OuterRef, Q
from django.utils.translation import gettext_lazy as _

from catalog.models import Certificate
from vendors.models import Regency, Vendor, VendorMembership


class ConsoleVendorFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(method="search", label=_("Cari nama, NIB, atau email"))
    status = django_filters.ChoiceFilter(choices=Vendor.Status.choices, empty_label=_("Semua status"))
    daerah = django_filters.ModelChoiceFilter(
        field_name="regency", queryset=Regency.objects.all(), label=_("Asal daerah"), empty_label=_("Semua daerah")
    )
    jenis = django_filters.ChoiceFilter(
        field_name="kind", choices=Vendor.Kind.choices, label=_("Jenis usaha"), empty_label=_("Semua jenis")
    )

    class Meta:
        model = Vendor
        fields: list[str] = []

    def search(self, queryset, name, value):
        value = value.strip()
        members = VendorMembership.objects.filter(vendor=OuterRef("pk"), user__email__icontains=value)
        return queryset.filter(Q(name__icontains=value) | Q(nib__contains=value) | Q(Exists(members)))


class ConsoleCertificateFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(method="search", label=_("Cari nomor atau UMKM"))
    status = django_filters.ChoiceFilter(choices=Certificate.Status.choices, empty_label=_("Semua status"))
    jenis = django_filters.ChoiceFilter(
        field_name="kind", choices=Certificate.Kind.choices, label=_("Jenis"), empty_label=_("Semua jenis")
    )

    class Meta:
        model = Certificate
        fields: list[str] = []

    def search(self, queryset, name, value):
        value = value.strip()
        return queryset.filter(
            Q(number__icontains=value) | Q(vendor__name__icontains=value) | Q(holder_name__icontains=value)
        )
