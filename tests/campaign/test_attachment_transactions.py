"""An attachment's file follows its row: written once the row is committed, removed once
its removal is committed, never left behind by a transaction that rolls back."""

from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction

from campaign.models import ReportAttachment
from campaign.services import attachments as attachment_services

from ..factories import statistics_report

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


class Interrupted(Exception):
    """Something later in the same transaction fails."""


@pytest.fixture
def report(campaign):
    return statistics_report(campaign, "beijing")


def stored_files():
    return [path for path in Path(settings.MEDIA_ROOT).rglob("*") if path.is_file()]


def attach(report, actor):
    return attachment_services.add_attachment(
        actor=actor, report=report, upload=SimpleUploadedFile("总结.pdf", PDF)
    )


def test_an_attachment_whose_transaction_rolls_back_leaves_no_file(
    bureau_a, report, django_capture_on_commit_callbacks
):
    with (
        django_capture_on_commit_callbacks(execute=True),
        pytest.raises(Interrupted),
        transaction.atomic(),
    ):
        attach(report, bureau_a)
        raise Interrupted
    assert not ReportAttachment.objects.exists()
    assert stored_files() == []


def test_an_attachment_is_written_once_committed(
    bureau_a, report, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks() as pending:
        attachment = attach(report, bureau_a)
    assert stored_files() == []
    for callback in pending:
        callback()
    assert Path(attachment.file.path).read_bytes() == PDF
    assert stored_files() == [Path(attachment.file.path)]


def test_a_removed_attachments_file_stays_until_the_removal_commits(
    bureau_a, report, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        attachment = attach(report, bureau_a)
    path = Path(attachment.file.path)
    with django_capture_on_commit_callbacks() as pending:
        attachment_services.remove_attachment(actor=bureau_a, attachment=attachment)
    assert not ReportAttachment.objects.exists()
    assert path.read_bytes() == PDF
    for callback in pending:
        callback()
    assert not path.exists()


def test_a_removal_that_rolls_back_keeps_the_file(
    bureau_a, report, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        attachment = attach(report, bureau_a)
    pk, path = attachment.pk, Path(attachment.file.path)
    with (
        django_capture_on_commit_callbacks(execute=True),
        pytest.raises(Interrupted),
        transaction.atomic(),
    ):
        attachment_services.remove_attachment(actor=bureau_a, attachment=attachment)
        raise Interrupted
    assert report.attachments.get().pk == pk
    assert path.read_bytes() == PDF
