app_name = "reservations"
urlpatterns: list = []
