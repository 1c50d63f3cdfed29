"""Re-encrypting complainants' personal data under the current key, so that an old key can
be dropped (SPEC §4: the key comes from the environment and is rotatable), and recomputing
the phone's duplicate-search hash under the current PERSONAL_DATA_HASH_KEY.

django-fernet-encrypted-fields derives one Fernet key per salt in settings.SALT_KEY (from
PERSONAL_DATA_KEYS) and SECRET_KEY: the first encrypts, every one decrypts.
"""

from cryptography.fernet import Fernet, InvalidToken
from django.db import transaction
from django.db.models import TextField
from django.db.models.functions import Cast

from ..models import Complaint
from ..personal_data import phone_hash

ENCRYPTED_FIELDS = (
    "complainant_name",
    "complainant_phone",
    "complainant_id_number",
    "complainant_address",
)


class UndecryptableValue(Exception):
    """A stored value that none of the configured keys decrypts: the key it was written with
    is missing from PERSONAL_DATA_KEYS (or SECRET_KEY changed)."""

    def __init__(self, complaint_id, field):
        super().__init__(f"complaint {complaint_id}: {field} is not decrypted by any key")
        self.complaint_id = complaint_id
        self.field = field


def forget_derived_keys():
    """Make the encrypted fields derive their keys from the settings as they are now: the
    package caches them on each field (cached properties ``keys`` and ``f``)."""
    for name in ENCRYPTED_FIELDS:
        field = Complaint._meta.get_field(name)
        field.__dict__.pop("keys", None)
        field.__dict__.pop("f", None)


def reencrypt_personal_data(*, batch_size=1000, progress=None):
    """Re-encrypt every complaint's personal data that is not under the current (first) key,
    and recompute its phone hash where the hash key has changed, ``batch_size`` complaints
    per transaction, each batch's rows locked while it is rewritten. Returns (complaints
    checked, complaints updated).

    Complaints already under the current keys are left as they are, so an interrupted run is
    simply run again. Raises UndecryptableValue, before changing that batch, for a value no
    configured key decrypts: it would otherwise be read as its ciphertext and encrypted again.
    ``progress(checked, total)`` is called after each batch.
    """
    forget_derived_keys()
    field = Complaint._meta.get_field(ENCRYPTED_FIELDS[0])
    current_key = Fernet(field.keys[0])
    any_key = field.f
    raw = {f"raw_{name}": Cast(name, output_field=TextField()) for name in ENCRYPTED_FIELDS}
    total = Complaint.objects.count()
    checked = updated = last_id = 0
    while True:
        with transaction.atomic():
            rows = list(
                Complaint.objects.select_for_update()
                .filter(pk__gt=last_id)
                .order_by("pk")
                .annotate(**raw)
                .values_list("pk", "phone_hash", *raw)[:batch_size]
            )
            if not rows:
                break
            stale = []
            for pk, stored_hash, *tokens in rows:
                complaint = _decrypted(pk, tokens, any_key)
                complaint.phone_hash = phone_hash(complaint.complainant_phone)
                if complaint.phone_hash != stored_hash or not _all_under(current_key, tokens):
                    stale.append(complaint)
            # Assigned plaintext is encrypted under the current key on the way in.
            Complaint.objects.bulk_update(stale, [*ENCRYPTED_FIELDS, "phone_hash"])
        checked += len(rows)
        updated += len(stale)
        last_id = rows[-1][0]
        if progress is not None:
            progress(checked, total)
    return checked, updated


def _all_under(key, tokens):
    for token in tokens:
        if token is None:  # the package stores an empty value as NULL
            continue
        try:
            key.decrypt(token.encode())
        except InvalidToken:
            return False
    return True


def _decrypted(pk, tokens, keys):
    complaint = Complaint(pk=pk)
    for name, token in zip(ENCRYPTED_FIELDS, tokens, strict=True):
        try:
            value = None if token is None else keys.decrypt(token.encode()).decode()
        except InvalidToken:
            raise UndecryptableValue(pk, name) from None
        setattr(complaint, name, value)
    return complaint
