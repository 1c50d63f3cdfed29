"""Two people changing one event's log at the same moment (PostgreSQL): the event's row
lock puts them one after the other, and the second is told what the first did."""

import io
import time

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from PIL import Image

from campaign.models import Activity, ActivityPhoto
from campaign.services import activities as activity_services
from tests.concurrency import ON_POSTGRESQL_WITH_REAL_TRANSACTIONS, at_once
from tests.factories import UserFactory
from tests.factories import activity as logged

pytestmark = ON_POSTGRESQL_WITH_REAL_TRANSACTIONS


def jpeg():
    out = io.BytesIO()
    Image.new("RGB", (64, 48), "red").save(out, "JPEG")
    return SimpleUploadedFile("event.jpg", out.getvalue())


def outcome(step):
    """The step's result, or its refusal (at_once knows only the ValidationError kind)."""

    def run():
        try:
            return step()
        except activity_services.ActivityRefused as refusal:
            return refusal

    return run


def test_a_photo_added_while_the_event_is_deleted_is_refused(campaign, bureau_a):
    event = logged(bureau_a, campaign)
    colleague = UserFactory(username="beijing-2", organisation=bureau_a.organisation)

    def delete_slowly():
        with transaction.atomic():
            activity_services.delete_activity(actor=bureau_a, activity=event)
            time.sleep(0.5)  # holds the event's lock while the photo arrives

    def add_photo_meanwhile():
        time.sleep(0.2)
        return activity_services.add_activity_photo(actor=colleague, activity=event, upload=jpeg())

    deleted, added = at_once(outcome(delete_slowly), outcome(add_photo_meanwhile))

    assert isinstance(added, activity_services.ActivityRefused)
    assert str(added) == "活动已删除。"
    assert not Activity.objects.filter(pk=event.pk).exists()
    assert not ActivityPhoto.objects.exists()


def test_two_changes_at_once_both_reach_the_history(campaign, bureau_a):
    event = logged(bureau_a, campaign, place="朝阳区", people_reached=10)
    colleague = UserFactory(username="beijing-2", organisation=bureau_a.organisation)

    at_once(
        lambda: activity_services.update_activity(actor=bureau_a, activity=event, place="海淀区"),
        lambda: activity_services.update_activity(
            actor=colleague, activity=event, people_reached=99
        ),
    )

    event.refresh_from_db()
    assert (event.place, event.people_reached) == ("海淀区", 99)
    assert {r.history_user for r in event.history.filter(history_type="~")} == {
        bureau_a,
        colleague,
    }
