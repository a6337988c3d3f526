from django.urls import path

from . import views

app_name = "reviews"
urlpatterns = [
    path("ulasan/tulis/<int:line_id>/", views.review_create, name="review-create"),
    path("ulasan/<int:pk>/ubah/", views.review_edit, name="review-edit"),
    path("ulasan/<int:pk>/membantu/", views.review_vote, name="review-vote"),
    path("ulasan/<int:pk>/laporkan/", views.review_report, name="review-report"),
    path("produk/<slug:slug>/ulasan/", views.product_reviews, name="product-reviews"),
    path("favorit/", views.favourite_list, name="favourite-list"),
    path("favorit/<int:pk>/", views.favourite_toggle, name="favourite-toggle"),
]
