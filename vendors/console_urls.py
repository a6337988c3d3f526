"""URLs of the Dinas console, mounted at /dinas/."""

app_name = "console"
urlpatterns: list = []
