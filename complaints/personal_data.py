"""Complainants' personal information: the keyed hash that finds duplicates without
decrypting, and the masks everyone sees unless their role needs the full value."""

import hashlib
import hmac
import re

from django.conf import settings


def phone_digits(phone):
    return re.sub(r"\D", "", phone or "")


def phone_hash(phone):
    """HMAC-SHA256 of the phone's digits under PERSONAL_DATA_HASH_KEY (hex)."""
    key = settings.PERSONAL_DATA_HASH_KEY.encode()
    return hmac.new(key, phone_digits(phone).encode(), hashlib.sha256).hexdigest()


def mask_phone(phone):
    """13812341234 → 138****1234; a short number keeps only its last 4 digits."""
    digits = phone_digits(phone)
    if len(digits) >= 11:
        return f"{digits[:3]}****{digits[-4:]}"
    return f"****{digits[-4:]}" if digits else ""


def mask_name(name):
    """王小明 → 王**; an English name keeps its first letter."""
    name = (name or "").strip()
    return f"{name[0]}{'*' * min(len(name) - 1, 3)}" if name else ""


def mask_id_number(number):
    """110101199001011234 → 110***********1234."""
    number = (number or "").strip()
    if len(number) <= 7:
        return "*" * len(number)
    return f"{number[:3]}{'*' * (len(number) - 7)}{number[-4:]}"


def mask_address(address):
    """Only the first six characters (province and city) of an address."""
    address = (address or "").strip()
    return f"{address[:6]}…" if len(address) > 6 else address
