"""Which centres the demo's Dinas accounts work on: Kotabumi's staff, the provincial centre's, the province."""

from vendors.models import Centre, StaffScope


def ensure_scopes(users: dict, *, kotabumi: Centre, province: Centre) -> None:
    """dinas@ → Kotabumi only; dinas.bdl@ → the provincial centre only; provinsi@ → every centre."""
    for role, centres, whole in (
        ("dinas", [kotabumi], False),
        ("dinas_bdl", [province], False),
        ("provinsi", [], True),
    ):
        scope, _ = StaffScope.objects.get_or_create(user=users[role], defaults={"whole_province": whole})
        if centres:
            scope.centres.set(centres)
