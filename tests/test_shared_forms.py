"""The pieces every surface shares: the period and reason forms, domain errors on forms, spreadsheets."""

import datetime
import io

import pytest
from django import forms
from django.http import QueryDict
from django.utils import timezone
from openpyxl import load_workbook

from sentra.exceptions import DomainError
from sentra.forms import PeriodForm, ReasonForm, add_domain_error
from sentra.spreadsheets import Sheet, csv_bytes, safe_cell, xlsx_bytes
from sentra.states import IllegalTransition, ReasonRequired, check_transition


@pytest.mark.parametrize(
    ("query", "weeks"),
    [("", 8), ("periode=13", 13), ("periode=999", 8), ("periode=banyak", 8), ("minggu=4", 4), ("minggu=x", 8)],
)
def test_a_period_is_a_preset_or_the_default_never_an_error(query, weeks):
    form = PeriodForm(QueryDict(query) if query else None, weeks=(4, 8, 13), default_weeks=8)
    assert form.weeks() == weeks
    start, end = form.range()
    assert end == timezone.localdate()
    assert (end - start).days == weeks * 7 - 1


def test_dates_win_over_the_preset_and_come_in_order():
    form = PeriodForm(QueryDict("dari=2026-03-31&sampai=2026-01-01"), dates=True)
    assert form.range() == (datetime.date(2026, 1, 1), datetime.date(2026, 3, 31))


def test_without_dates_or_presets_a_period_is_this_year_to_date():
    start, end = PeriodForm(QueryDict("dari=kemarin"), dates=True).range()
    assert (start.month, start.day, start.year) == (1, 1, end.year)


def test_a_page_offers_only_its_own_fields():
    assert set(PeriodForm(weeks=(4,), default_weeks=4).fields) == {"periode"}
    assert set(PeriodForm(dates=True).fields) == {"dari", "sampai"}


@pytest.mark.parametrize(("text", "valid"), [("", False), ("   ", False), ("stok habis", True), ("x" * 301, False)])
def test_a_required_reason_must_be_written_and_fit(text, valid):
    form = ReasonForm({"reason": text}, required=True, max_length=300)
    assert form.is_valid() is valid
    if valid:
        assert form.cleaned_data["reason"] == text.strip()


def test_an_optional_reason_may_stay_empty():
    form = ReasonForm({"reason": "  "}, required=False)
    assert form.is_valid() and form.cleaned_data["reason"] == ""


class _Form(forms.Form):
    reason = forms.CharField(required=False)
    logo = forms.CharField(required=False)


def test_a_domain_error_lands_on_the_fields_it_names_else_where_the_view_says():
    form = _Form({})
    form.is_valid()
    add_domain_error(form, DomainError({"reason": ["Tulis alasannya."], "unknown": ["Lain."]}))
    add_domain_error(form, DomainError("Foto tidak terbaca."), "logo")
    add_domain_error(form, IllegalTransition("Tidak diizinkan."))
    assert form.errors["reason"] == ["Tulis alasannya."]
    assert form.errors["logo"] == ["Foto tidak terbaca."]
    assert form.non_field_errors() == ["Lain.", "Tidak diizinkan."]


def test_every_domain_error_reads_as_its_message():
    with pytest.raises(ReasonRequired) as missing:
        check_transition({"a": {"b"}}, "a", "b", needs_reason={"b"})
    assert str(missing.value) == "Alasan wajib diisi untuk perubahan status ini."
    assert missing.value.error_dict.keys() == {"reason"}
    with pytest.raises(IllegalTransition) as illegal:
        check_transition({"a": {"b"}}, "b", "a")
    assert isinstance(illegal.value, DomainError) and "tidak diizinkan" in str(illegal.value)


@pytest.mark.parametrize("text", ['=HYPERLINK("http://evil")', "+1", "-2+3", "@SUM(A1)", "\tx", "\rx"])
def test_text_that_a_spreadsheet_would_run_stays_text(text):
    assert safe_cell(text) == "'" + text
    assert safe_cell(-5) == -5 and safe_cell(None) == "" and safe_cell("Kopi") == "Kopi"


def test_csv_is_for_excel_in_indonesia_and_xlsx_keeps_dates_and_numbers():
    rows = [[datetime.date(2026, 12, 1), "=1+1", 3, 75000]]
    text = csv_bytes(["Tanggal", "Produk", "Jumlah", "Rp"], rows).decode("utf-8")
    assert text.startswith("\ufeffTanggal;Produk;Jumlah;Rp")
    assert "2026-12-01;'=1+1;3;75000" in text
    book = load_workbook(io.BytesIO(xlsx_bytes([Sheet("Per minggu: a/b", ["Tanggal", "Produk"], rows)])))
    sheet = book.worksheets[0]
    assert sheet.title == "Per minggu- a-b"
    assert sheet["A2"].value == datetime.datetime(2026, 12, 1) and sheet["A2"].number_format == "DD/MM/YYYY"
    assert sheet["B2"].value == "'=1+1" and sheet["D2"].value == 75000 and sheet["A1"].font.bold


def test_a_reversed_date_range_is_swapped_and_the_report_page_says_so(client, dinas_user):
    from django.urls import reverse

    client.force_login(dinas_user)
    dinas_client = client
    assert PeriodForm(QueryDict("dari=2026-03-31&sampai=2026-01-01"), dates=True).swapped()
    assert not PeriodForm(QueryDict("dari=2026-01-01&sampai=2026-03-31"), dates=True).swapped()
    page = dinas_client.get(reverse("console:reports"), {"dari": "2026-03-31", "sampai": "2026-01-01"})
    assert "keduanya ditukar" in page.content.decode()
    assert "keduanya ditukar" not in dinas_client.get(reverse("console:reports")).content.decode()
