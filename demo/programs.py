"""Demo pembinaan (issue 18): a finished BNSP training with 20 participants and outcomes linked to certificates,
an open halal facilitation taking applications, a running coffee-roasting course, six aid records and two
pendataan rounds (one closed, one open). `umkm@sentra.test` passed the BNSP training, received equipment two
years ago (granting it again shows the repeat warning) and has an open application to the halal facilitation.

Rows are written directly (status changes through the models' `transition`, which keeps the audit trail) so the
seed sends no email, as the rest of the demo."""

import datetime
import random

from django.core.files.base import ContentFile
from django.utils import timezone

from catalog.models import Certificate
from programs.models import (
    AidRecord,
    Attendance,
    DataAnswer,
    DataRound,
    FundingSource,
    Meeting,
    MonitoringVisit,
    Participant,
    ParticipantEvent,
    Programme,
    ProgrammeEvent,
)
from programs.models.programmes import add_months
from sentra.storage import private_storage
from vendors.models import Vendor

from .data import UMKM_VENDOR_SLUG
from .images import scan_picture

P, S, OUT = Programme.Status, Participant.Status, Participant.Outcome
ORGANISER = "Dinas Koperasi UMKM dan Perindustrian Lampung Utara"
COFFEE = ["koperasi-kopi-way-tenong", "kopi-luwak-sumber-jaya", "kopi-lanang-kedaton", "lada-hitam-tanggamus"]


class ProgrammeMaker:
    def __init__(self, *, rng: random.Random, dinas) -> None:
        self.rng, self.dinas = rng, dinas
        self.today = timezone.localdate()
        self.vendors = list(Vendor.objects.approved().select_related("regency").order_by("pk"))
        self.umkm = next(v for v in self.vendors if v.slug == UMKM_VENDOR_SLUG)

    def build(self) -> None:
        self.bnsp_training()
        self.halal_facilitation()
        self.coffee_course()
        self.aid()
        self.rounds()

    # --- programmes -----------------------------------------------------------------------------------

    def _programme(self, statuses: list[str], **fields) -> Programme:
        programme = Programme(organiser=ORGANISER, created_by=self.dinas, **fields)
        programme.full_clean()
        programme.save()
        ProgrammeEvent.objects.create(programme=programme, to_status=P.DRAFT, actor=self.dinas)
        for status in statuses:
            programme.transition(status, actor=self.dinas)
        return programme

    def _place(self, programme: Programme, vendor: Vendor, status: str, motivation: str = "", reason: str = ""):
        owner = vendor.memberships.first().user
        place = Participant.objects.create(programme=programme, vendor=vendor, motivation=motivation, applied_by=owner)
        ParticipantEvent.objects.create(participant=place, to_status=S.APPLIED, actor=owner)
        if status != S.APPLIED:
            place.transition(status, actor=self.dinas, reason=reason)
        return place

    def _meetings(self, programme: Programme, topics: list[str], places: list[Participant], every: int) -> None:
        for index, topic in enumerate(topics):
            held_on = programme.starts_on + datetime.timedelta(days=index * every)
            if held_on > self.today:
                break
            meeting = Meeting.objects.create(programme=programme, held_on=held_on, topic=topic, created_by=self.dinas)
            Attendance.objects.bulk_create(
                Attendance(meeting=meeting, participant=p, present=self.rng.random() < 0.88, recorded_by=self.dinas)
                for p in places
            )

    def bnsp_training(self) -> None:
        starts = self.today - datetime.timedelta(days=300)
        programme = self._programme(
            [P.OPEN, P.RUNNING, P.FINISHED],
            name="Pelatihan dan Sertifikasi BNSP UMKM Lampung Utara",
            kind=Programme.Kind.BNSP,
            scheme="Pengolahan Makanan Ringan; Kriya Tekstil",
            partner="LSP Lampung (lisensi BNSP)",
            funding=FundingSource.APBD_PROVINSI,
            location="Aula Dinas, Kotabumi",
            starts_on=starts,
            ends_on=starts + datetime.timedelta(days=30),
            quota=20,
            monitoring_months=6,
            description="Satu bulan pelatihan, uji kompetensi oleh LSP, lalu pemantauan bulanan selama enam bulan.",
        )
        certificates = {
            c.vendor_id: c for c in Certificate.objects.filter(kind=Certificate.Kind.BNSP, status="verified")
        }
        chosen = sorted(self.vendors[:20], key=lambda v: (v.pk not in certificates, v.pk))
        places = [self._place(programme, v, S.SELECTED, "Ingin usaha kami punya SDM bersertifikat.") for v in chosen]
        self._meetings(programme, ["Pembukaan", "Keamanan pangan", "Kemasan", "Praktik", "Uji kompetensi"], places, 7)
        outcomes = [OUT.PASSED] * 14 + [OUT.FAILED] * 4 + [OUT.WITHDREW] * 2
        for place, outcome in zip(places, outcomes, strict=True):
            linked = certificates.get(place.vendor_id) if outcome == OUT.PASSED else None
            place.outcome, place.certificate, place.outcome_at = outcome, linked, timezone.now()
            place.save(update_fields=["outcome", "certificate", "outcome_at"])
            ParticipantEvent.objects.create(
                participant=place, from_status=S.SELECTED, to_status=S.SELECTED, outcome=outcome, actor=self.dinas
            )
        for place in places[:6]:
            for month in range(1, 7):
                visited_on = add_months(programme.ends_on, month) - datetime.timedelta(days=self.rng.randint(0, 10))
                if visited_on <= self.today:
                    MonitoringVisit.objects.create(
                        participant=place, visited_on=visited_on, note=self._visit_note(), visited_by=self.dinas
                    )

    def _visit_note(self) -> str:
        return self.rng.choice(
            [
                "Produksi berjalan; pencatatan keuangan sudah rapi.",
                "Kemasan baru sudah dipakai; omzet naik sedikit.",
                "Perlu pendampingan pemasaran daring.",
                "Kebersihan dapur produksi sesuai materi pelatihan.",
            ]
        )

    def halal_facilitation(self) -> None:
        programme = self._programme(
            [P.OPEN],
            name="Fasilitasi Sertifikat Halal Gratis 2026",
            kind=Programme.Kind.HALAL,
            partner="Kementerian Agama Kab. Lampung Utara",
            funding=FundingSource.APBN,
            location="Sentra Oleh-oleh Lampung Utara",
            apply_until=self.today + datetime.timedelta(days=21),
            starts_on=self.today + datetime.timedelta(days=30),
            ends_on=self.today + datetime.timedelta(days=90),
            quota=25,
            description="Pendampingan pengajuan sertifikat halal skema self-declare, dari NIB sampai terbit.",
        )
        self._place(programme, self.umkm, S.APPLIED, "Kami menambah produk keripik pedas yang belum bersertifikat.")
        others = [v for v in self.vendors if v.pk != self.umkm.pk][20:26]
        decisions = [S.APPLIED, S.APPLIED, S.WAITLISTED, S.SELECTED, S.DECLINED, S.APPLIED]
        for vendor, status in zip(others, decisions, strict=False):
            reason = "Produk kerajinan tidak memerlukan sertifikat halal." if status == S.DECLINED else ""
            self._place(programme, vendor, status, "Produk kami pangan olahan.", reason)

    def coffee_course(self) -> None:
        starts = self.today - datetime.timedelta(days=10)
        programme = self._programme(
            [P.OPEN, P.RUNNING],
            name="Kursus Sangrai Kopi Robusta",
            kind=Programme.Kind.TRAINING,
            partner="Balai Besar Industri Agro",
            funding=FundingSource.APBD_KABUPATEN,
            location="Rumah Produksi Koperasi Kopi Way Tenong",
            starts_on=starts,
            ends_on=starts + datetime.timedelta(days=28),
            quota=12,
        )
        coffee = [v for v in self.vendors if v.slug in COFFEE]
        rest = [v for v in self.vendors if v.slug not in COFFEE and v.pk != self.umkm.pk][:6]
        places = [self._place(programme, v, S.SELECTED, "Ingin mutu sangrai lebih rata.") for v in coffee + rest]
        self._meetings(programme, ["Mengenal biji robusta", "Profil sangrai", "Cupping", "Kemasan kopi"], places, 4)

    # --- aid ------------------------------------------------------------------------------------------

    def aid(self) -> None:
        by_slug = {v.slug: v for v in self.vendors}
        document = self._document()
        coffee = Programme.objects.get(kind=Programme.Kind.TRAINING)
        rows = [
            (self.umkm, "peralatan", "Mesin perajang singkong", 1, 8_500_000, 730, FundingSource.APBD_KABUPATEN, None),
            (by_slug["kopi-luwak-sumber-jaya"], "peralatan", "Mesin penggiling kopi", 1, 12_000_000, 5,
             FundingSource.APBN, coffee),
            (by_slug["koperasi-kopi-way-tenong"], "peralatan", "Mesin sangrai kopi 5 kg", 1, 45_000_000, 400,
             FundingSource.CSR, None),
            (by_slug["lempok-durian-mak-inah"], "modal", "Stimulus modal usaha", 1, 2_400_000, 900,
             FundingSource.APBD_PROVINSI, None),
            (by_slug["sambal-lingkung-bu-ros"], "kemasan", "Standing pouch berlabel", 500, 1_750_000, 120,
             FundingSource.APBD_KABUPATEN, None),
            (by_slug["kwt-melati-abung"], "peralatan", "Mesin penepung (flour mill)", 1, 9_800_000, 60,
             FundingSource.APBD_KABUPATEN, None),
        ]  # fmt: skip
        for vendor, kind, item, quantity, value, days_ago, funding, programme in rows:
            record = AidRecord(
                vendor=vendor,
                kind=kind,
                item=item,
                quantity=quantity,
                unit="unit" if quantity == 1 else "lembar",
                value=value,
                handed_over_on=self.today - datetime.timedelta(days=days_ago),
                funding=funding,
                programme=programme,
                granted_by=self.dinas,
            )
            record.document.name = document
            record.full_clean(exclude=["document", "photo"])
            record.save()

    def _document(self) -> str:
        storage, name = private_storage(), "demo/aid/berita-acara.png"
        if not storage.exists(name):
            picture = scan_picture("BERITA ACARA SERAH TERIMA", ["Data contoh Sentra", "Ditandatangani kedua pihak"])
            name = storage.save(name, ContentFile(picture))
        return name

    # --- pendataan ------------------------------------------------------------------------------------

    def rounds(self) -> None:
        closed = DataRound.objects.create(
            title="Pendataan UMKM terdampak 2025",
            questions=list(DataRound.Question.values),
            opens_on=self.today - datetime.timedelta(days=200),
            closes_on=self.today - datetime.timedelta(days=170),
            created_by=self.dinas,
        )
        self._answers(closed, self.vendors[:18])
        closed.transition(DataRound.Status.CLOSED, actor=self.dinas)
        current = DataRound.objects.create(
            title="Pendataan UMKM terdampak 2026",
            description="Bantu Dinas menyusun usulan bantuan: isi omzet, pekerja, dan kebutuhan usaha Anda.",
            questions=list(DataRound.Question.values),
            opens_on=self.today - datetime.timedelta(days=5),
            closes_on=self.today + datetime.timedelta(days=25),
            created_by=self.dinas,
        )
        self._answers(current, [v for v in self.vendors if v.pk != self.umkm.pk][:8])

    def _answers(self, data_round: DataRound, vendors: list[Vendor]) -> None:
        rng = self.rng
        for vendor in vendors:
            DataAnswer.objects.create(
                round=data_round,
                vendor=vendor,
                turnover=rng.randrange(15, 400) * 100_000,
                workers=rng.randint(1, 12),
                business_status=rng.choice(DataAnswer.BusinessStatus.values[:3]),
                main_problem=rng.choice(DataAnswer.Problem.values),
                needs=sorted(rng.sample(DataAnswer.Need.values, 2)),
                answered_by=vendor.memberships.first().user,
            )
