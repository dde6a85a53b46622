from django.contrib.auth import views as auth_views
from django.urls import path

from frontoffice.core import views

app_name = "core"
urlpatterns = [
    path("", views.home, name="home"),
    path("login/", views.LoginView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("switch-property/", views.switch_property, name="switch_property"),
    path("language/", views.switch_language, name="switch_language"),
    path("profile/", views.profile, name="profile"),
]
