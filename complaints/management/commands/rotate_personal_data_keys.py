from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from complaints.services.key_rotation import UndecryptableValue, reencrypt_personal_data


class Command(BaseCommand):
    help = (
        "Re-encrypt every complainant's name, phone, ID number and address under the current "
        "key. Rotation: put a new salt first in PERSONAL_DATA_KEYS (comma-separated; the first "
        "encrypts, all of them decrypt), restart the portal and its workers, run this command, "
        "then remove the old salt and restart again. A run that stops half-way is run again: "
        "values already under the current key are left alone. It stops, changing nothing more, "
        "at a value no configured key decrypts. Each key is derived from SECRET_KEY and the "
        "salt; values written under SECRET_KEY_FALLBACKS are moved to SECRET_KEY the same way. "
        "It also recomputes the phone's duplicate-search hash under PERSONAL_DATA_HASH_KEY as "
        "set now: after changing that key, run it so earlier complaints are matched again."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--batch-size",
            type=int,
            default=1000,
            help="complaints checked per transaction (default 1000)",
        )

    def handle(self, *args, batch_size, **options):
        if batch_size < 1:
            raise CommandError("--batch-size must be at least 1")
        self.stdout.write(
            f"Re-encrypting personal data under the first of {len(settings.SALT_KEY)} key(s)."
        )
        try:
            checked, updated = reencrypt_personal_data(
                batch_size=batch_size, progress=self._progress
            )
        except UndecryptableValue as error:
            raise CommandError(
                f"{error}. Add the key it was written with to PERSONAL_DATA_KEYS and run again; "
                "the batches before it are done."
            ) from error
        self.stdout.write(self.style.SUCCESS(f"{checked} complaints checked, {updated} updated."))

    def _progress(self, checked, total):
        self.stdout.write(f"{checked}/{total} complaints checked")
