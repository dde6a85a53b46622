from django.apps import AppConfig
from django.db.models.signals import post_migrate


def _sync_roles(sender, **kwargs):
    from frontoffice.core.roles import roles_sync

    roles_sync()


class CoreConfig(AppConfig):
    name = "frontoffice.core"
    label = "core"
    verbose_name = "Core"

    def ready(self):
        # Run after auth has created the permissions (core's post_migrate comes later).
        post_migrate.connect(_sync_roles, sender=self, dispatch_uid="frontoffice_roles_sync")
