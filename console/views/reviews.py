"""Console pages on reviews (/dinas/ulasan/): the moderation queue (held by the blocklist, or reported), one
review with its reports and decisions, and hiding or restoring it with a reason (ReviewDecision: the audit)."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from console.access import console_view, scoped
from reviews.models import Review
from reviews.services import review_hide, review_restore
from sentra.exceptions import DomainError
from sentra.forms import ReasonForm, add_domain_error

ACTIONS = {
    "sembunyikan": (gettext_lazy("Sembunyikan ulasan"), review_hide, True),
    "tampilkan": (gettext_lazy("Tampilkan ulasan"), review_restore, False),
}
QUEUE_LIMIT = 100


def _review(request, pk) -> Review:
    """A review of a product of the staff member's centres (another centre's is a 404, like a missing one)."""
    rows = scoped(
        request, Review.objects.select_related("product", "product__vendor", "shopper"), "product__vendor__centre"
    )
    return get_object_or_404(rows, pk=pk)


@console_view("reviews.moderate_review")
def review_queue(request):
    hidden = request.GET.get("status") == "hidden"
    reviews = (
        Review.objects.filter(status=Review.Status.HIDDEN).select_related("product", "shopper").order_by("-updated_at")
        if hidden
        else Review.objects.moderation_queue()
    )
    reviews = scoped(request, reviews, "product__vendor__centre")  # the reviews of the staff member's centres
    return render(request, "console/review_queue.html", {"reviews": reviews[:QUEUE_LIMIT], "hidden": hidden})


@console_view("reviews.moderate_review")
def review_detail(request, pk):
    review = _review(request, pk)
    context = {
        "review": review,
        "reports": review.reports.select_related("reporter"),
        "decisions": review.decisions.select_related("actor"),
        "actions": ACTIONS,
    }
    return render(request, "console/review_detail.html", context)


@console_view("reviews.moderate_review")
def review_moderate(request, pk, action):
    if action not in ACTIONS:
        raise Http404
    label, service, danger = ACTIONS[action]
    review = _review(request, pk)
    form = ReasonForm(request.POST if request.method == "POST" else None, required=True)
    if request.method == "POST" and form.is_valid():
        try:
            service(actor=request.user, review=review, reason=form.cleaned_data["reason"])
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, _("Keputusan tercatat: %(label)s.") % {"label": label})
            return redirect("console:review-detail", pk=review.pk)
    context = {"review": review, "form": form, "action": {"label": label, "danger": danger, "slug": action}}
    return render(request, "console/review_moderate.html", context)
