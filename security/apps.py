from django.apps import AppConfig, apps


class SecurityConfig(AppConfig):
    name = "security"
    verbose_name = "Bảo mật"

    def ready(self):
        # django-axes names its admin section "Axes"; editors read Vietnamese.
        apps.get_app_config("axes").verbose_name = "Nhật ký đăng nhập"
