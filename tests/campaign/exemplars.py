"""Entries of the 双十佳 lists for the tests: drafted through the service, as the pages do."""

import io

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from campaign.models import Exemplar, Region
from campaign.services import exemplars
from tests.factories import InsurerFactory

PERSON = Exemplar.Kind.PERSON
COUNTER = Exemplar.Kind.COUNTER
BEIJING, SHANGHAI = "110000", "310000"


def region(code):
    return Region.objects.get(code=code)


def words(kind, number=1):
    """What an entry of ``kind`` needs, its name numbered."""
    company = InsurerFactory(code="demo-life", name_zh="示例人寿保险股份有限公司")
    if kind == PERSON:
        return {
            "name": f"王芳{number}",
            "company": company,
            "post": "理赔查勘员",
            "deeds": "热情服务。",
        }
    return {
        "name": f"朝阳营业部{number}",
        "company": company,
        "address": "朝阳区建国路1号",
        "deeds": "一站式服务。",
    }


def draft(actor, campaign, *, kind=PERSON, code=BEIJING, number=1, **fields):
    return exemplars.draft_exemplar(
        actor=actor,
        campaign=campaign,
        region=region(code),
        kind=kind,
        **(words(kind, number) | fields),
    )


def fill(actor, campaign, count, **options):
    """``count`` drafts in a list."""
    return [draft(actor, campaign, number=n, **options) for n in range(count)]


def photo_upload(name="photo.jpg", size=(300, 400), image_format="JPEG"):
    out = io.BytesIO()
    Image.new("RGB", size, (200, 80, 40)).save(out, image_format)
    return SimpleUploadedFile(name, out.getvalue(), content_type="image/jpeg")
