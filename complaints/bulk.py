"""Loading many made-up complaints at once, for benchmarks and capacity tests (issue 9, speed):
a year of complaints across every bureau, channel, category, product line and state.

This is the one place that writes complaints without complaints.services: one save per row
through register_complaint would take hours for 1,000,000. What it writes is still what the
services would have left: each state reached by the steps the transition table allows, dated
in order, ``due_on`` from the SLA clock (complaints.sla.Clock, workflow.CLOCK), personal data
encrypted with the model fields' own keys and the phone's keyed hash. No transitions rows,
duplicates or incidents are made.

On PostgreSQL the rows go in with ``COPY … FROM STDIN``, built by a pool of processes (the
encryption, one Fernet token per value, is most of the work); on SQLite, multi-row inserts.
"""

import datetime
import functools
import io
import itertools
import multiprocessing
import os
import random
import time
from dataclasses import dataclass
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import connection, transaction
from django.utils import timezone

from campaign.bulk import add_missing_companies
from campaign.models import Organisation, ProductLine

from .models import Category, Complaint, TimeLimit
from .personal_data import phone_hash
from .services.workflow import CLOCK
from .sla import Clock

Status = Complaint.Status
BEIJING = ZoneInfo(settings.TIME_ZONE)

# How many insurers a loaded database has complaints about; missing ones are made up.
COMPANIES = 200

# The 12378 hotline takes most complaints (SPEC §4: 信、访、电、网).
CHANNEL_WEIGHTS = {"phone": 62, "web": 20, "letter": 10, "visit": 8}
CATEGORY_WEIGHTS = {
    "claims": 35,
    "sales": 24,
    "surrender": 12,
    "policy_service": 8,
    "telemarketing": 8,
    "service_quality": 7,
    "privacy": 2,
    "other": 4,
}
PRODUCT_LINE_WEIGHTS = {
    "auto": 34,
    "life": 20,
    "health": 12,
    "life_other": 6,
    "accident": 5,
    "enterprise_property": 5,
    "liability": 4,
    "property_other": 4,
    "annuity": 3,
    "home_property": 3,
    "agriculture": 3,
}
# Complaints per bureau follow the insurance market: the big coastal provinces the most.
BUREAU_WEIGHTS = {
    "guangdong": 9,
    "jiangsu": 8,
    "zhejiang": 6,
    "shandong": 6,
    "beijing": 6,
    "shanghai": 6,
    "henan": 5,
    "sichuan": 5,
    "shenzhen": 4,
    "hubei": 4,
    "hebei": 4,
    "hunan": 3,
    "fujian": 3,
    "anhui": 3,
    "liaoning": 3,
    "xizang": 0.3,
    "qinghai": 0.5,
    "ningxia": 0.5,
    "hainan": 0.8,
}
DEFAULT_BUREAU_WEIGHT = 2
# Where a complaint received long ago (over 90 days) or lately has got to.
OLD = datetime.timedelta(days=90)
OLD_STATES = {
    Status.CLOSED: 84,
    Status.NOT_ACCEPTED: 9,
    Status.ANSWERED: 1.5,
    Status.FORWARDED: 1.5,
    Status.REOPENED: 1,
    Status.MEDIATION: 1,
    Status.AWAITING_MATERIAL: 1,
    Status.ACCEPTED: 0.5,
    Status.REGISTERED: 0.5,
}
RECENT_STATES = {
    Status.CLOSED: 30,
    Status.FORWARDED: 20,
    Status.ANSWERED: 12,
    Status.REGISTERED: 10,
    Status.ACCEPTED: 8,
    Status.NOT_ACCEPTED: 6,
    Status.AWAITING_MATERIAL: 6,
    Status.MEDIATION: 5,
    Status.REOPENED: 3,
}
# The steps that lead to each state (workflow.TRANSITIONS allows each of them).
PATHS = {
    Status.REGISTERED: (),
    Status.AWAITING_MATERIAL: ("request_material",),
    Status.NOT_ACCEPTED: ("refuse",),
    Status.ACCEPTED: ("accept",),
    Status.FORWARDED: ("accept", "forward"),
    Status.ANSWERED: ("accept", "forward", "answer"),
    Status.MEDIATION: ("accept", "forward", "answer", "mediate"),
    Status.CLOSED: ("accept", "forward", "answer", "close"),
    Status.REOPENED: ("accept", "forward", "answer", "mediate", "close", "reopen"),
}
# Days from the step before to each step: (fewest, most).
STEP_DAYS = {
    "request_material": (0, 3),
    "refuse": (1, 7),
    "accept": (0, 6),
    "forward": (0, 2),
    "answer": (3, 28),
    "mediate": (1, 12),
    "close": (1, 20),
    "reopen": (2, 25),
}
DESCRIPTIONS = [
    "车险出险后报案，保险公司以材料不全为由迟迟不予理赔。",
    "银行网点购买理财产品，事后发现是分红型寿险，销售人员未说明退保损失。",
    "退保时被告知现金价值远低于所缴保费，销售时未提示。",
    "频繁接到保险公司电话推销，要求停止拨打未果。",
    "重大疾病保险理赔被拒，理由为投保前未如实告知。",
    "保单变更受益人申请提交一个月仍未办理。",
    "理赔金额与定损结果不一致，要求公司说明计算依据。",
    "个人信息疑似被泄露，陌生电话能准确说出保单信息。",
]
REQUESTS = ["按合同约定赔付", "全额退还保费", "停止电话骚扰", "尽快办理保全变更", "书面说明理由"]
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗"
GIVEN = "伟芳娜敏静磊洋艳勇军杰娟涛明超霞平刚"
PAUSED_BECAUSE = "请补充保单复印件及理赔材料（示例）"
REFUSED_BECAUSE = "不属于保险消费投诉受理范围（示例）"

# Personal data fields, encrypted. The four share the package's keys (settings.SALT_KEY).
PERSONAL = ("complainant_name", "complainant_phone", "complainant_id_number", "complainant_address")


@dataclass(frozen=True)
class Setting:
    """What every row is drawn from: ids and weights, read once and handed to each process."""

    now: datetime.datetime
    places: tuple  # ((region_id, bureau_id, province name), …)
    place_weights: tuple
    companies: tuple
    company_weights: tuple
    categories: tuple
    category_weights: tuple
    product_lines: tuple
    product_line_weights: tuple
    hotline_id: int | None
    bureau_staff: dict  # {bureau_id: a staff member's id}, who enters letters and visits


def _weighted(weights_by_code, rows, default=1):
    """(ids, cumulative weights) of ``rows`` [(id, code)], weighted by code."""
    ids = tuple(pk for pk, _code in rows)
    weights = tuple(itertools.accumulate(weights_by_code.get(code, default) for _pk, code in rows))
    return ids, weights


def holds_loaded_complaints():
    """Whether made-up complaints were loaded here before: their descriptions are the load's."""
    return Complaint.objects.filter(description__in=DESCRIPTIONS).exists()


def read_setting(now):
    bureaus = {
        bureau.pk: bureau
        for bureau in Organisation.objects.filter(
            kind=Organisation.Kind.BUREAU, is_active=True
        ).prefetch_related("regions")
    }
    places, weights = [], []
    for bureau in sorted(bureaus.values(), key=lambda b: b.position):
        for region in bureau.regions.all():
            places.append((region.pk, bureau.pk, region.name_zh))
            weights.append(BUREAU_WEIGHTS.get(bureau.code, DEFAULT_BUREAU_WEIGHT))
    companies = list(
        Organisation.objects.filter(kind=Organisation.Kind.INSURER, is_active=True)
        .order_by("code")
        .values_list("pk", flat=True)
    )
    # A few big companies draw most complaints, as in the market (Zipf-like).
    company_weights = tuple(itertools.accumulate(1 / (rank + 1) for rank in range(len(companies))))
    categories = _weighted(CATEGORY_WEIGHTS, Category.objects.values_list("pk", "code"))
    product_lines = _weighted(PRODUCT_LINE_WEIGHTS, ProductLine.objects.values_list("pk", "code"))
    User = get_user_model()
    staff = {}
    for user_id, organisation_id in (
        User.objects.filter(organisation_id__in=bureaus, is_active=True)
        .exclude(role=User.Role.HOTLINE)
        .order_by("-pk")
        .values_list("pk", "organisation_id")
    ):
        staff[organisation_id] = user_id
    hotline = User.objects.filter(role=User.Role.HOTLINE, is_active=True).order_by("pk").first()
    return Setting(
        now=now,
        places=tuple(places),
        place_weights=tuple(itertools.accumulate(weights)),
        companies=tuple(companies),
        company_weights=company_weights,
        categories=categories[0],
        category_weights=categories[1],
        product_lines=product_lines[0],
        product_line_weights=product_lines[1],
        hotline_id=hotline.pk if hotline else None,
        bureau_staff=staff,
    )


class Draw:
    """The rows of one chunk, the same for the same seed and chunk on every machine."""

    def __init__(self, setting, clock, seed):
        self.setting = setting
        self.rng = random.Random(seed)  # noqa: S311 - made-up complaints, not a secret
        self.due = functools.lru_cache(maxsize=None)(clock.due)
        self.today = setting.now.astimezone(BEIJING).date()

    def complaints(self, size):
        """``size`` complaints' fields as {field name: value}, personal data in plain text."""
        s, rng = self.setting, self.rng
        # Drawn for the whole chunk at once: one call instead of one per row.
        places = rng.choices(s.places, cum_weights=s.place_weights, k=size)
        channels = rng.choices(
            tuple(CHANNEL_WEIGHTS), weights=tuple(CHANNEL_WEIGHTS.values()), k=size
        )
        companies = rng.choices(s.companies, cum_weights=s.company_weights, k=size)
        categories = rng.choices(s.categories, cum_weights=s.category_weights, k=size)
        lines = rng.choices(s.product_lines, cum_weights=s.product_line_weights, k=size)
        old = rng.choices(tuple(OLD_STATES), weights=tuple(OLD_STATES.values()), k=size)
        recent = rng.choices(tuple(RECENT_STATES), weights=tuple(RECENT_STATES.values()), k=size)
        now = s.now.astimezone(BEIJING)
        for n in range(size):
            received_at = now - datetime.timedelta(seconds=rng.randrange(365 * 86400))
            if received_at.hour < 8 or received_at.hour > 20:  # the hotline's and offices' hours
                received_at = min(received_at.replace(hour=rng.randint(8, 20)), now)
            region_id, bureau_id, province = places[n]
            phone = f"170{rng.randrange(10**8):08d}"
            fields = {
                "year": received_at.year,
                "channel": channels[n],
                "received_at": received_at,
                # 王某伟: a made-up person, and plainly one.
                "complainant_name": SURNAMES[rng.randrange(20)] + "某" + GIVEN[rng.randrange(18)],
                "complainant_phone": phone,
                "complainant_id_number": (
                    f"110101{rng.randint(1950, 2000)}0101{rng.randrange(10**4):04d}"
                    if rng.random() < 0.2
                    else None
                ),
                "complainant_address": (
                    f"{province}示例路{rng.randint(1, 999)}号" if rng.random() < 0.5 else None
                ),
                "phone_hash": phone_hash(phone),
                "company_id": companies[n],
                "company_branch": "",
                "region_id": region_id,
                "bureau_id": bureau_id,
                "category_id": categories[n],
                "product_line_id": lines[n],
                "description": DESCRIPTIONS[rng.randrange(len(DESCRIPTIONS))],
                "amount_in_dispute": (
                    Decimal(rng.randrange(500, 2_000_000)) / 100 if rng.random() < 0.6 else None
                ),
                "request": REQUESTS[rng.randrange(len(REQUESTS))],
                "complainant_count": 1 if rng.random() < 0.995 else rng.randint(2, 4),
                "group_visit": False,
                "petition_risk": False,
                "major_matter": False,
                "registered_by_id": self._registered_by(channels[n], bureau_id),
                "created_at": received_at,
            }
            target = old[n] if now - received_at > OLD else recent[n]
            fields.update(self._history(received_at, target, now))
            fields["updated_at"] = fields["status_changed_at"]
            yield fields

    def _registered_by(self, channel, bureau_id):
        if channel == "phone":
            return self.setting.hotline_id
        if channel == "web":
            return None
        return self.setting.bureau_staff.get(bureau_id)

    def _history(self, received_at, target, now):
        """What the steps to the ``target`` state left in the complaint's fields: the steps are
        dated one after another, and those that would come after ``now`` are not taken."""
        rng = self.rng
        fields = {
            "status": Status.REGISTERED,
            "status_changed_at": received_at,
            "paused_reason": "",
            "material_complete_on": None,
            "accepted_at": None,
            "forwarded_at": None,
            "company_accepted_at": None,
            "complexity": "",
            "extension_days": 0,
            "outcome": "",
            "consumer_satisfied": None,
        }
        at = received_at
        for action in PATHS[target]:
            fewest, most = STEP_DAYS[action]
            day = at.date() + datetime.timedelta(days=rng.randint(fewest, most))
            step_at = datetime.datetime.combine(
                day, datetime.time(rng.randint(9, 17), rng.randrange(60)), BEIJING
            )
            if step_at <= at:
                step_at = at + datetime.timedelta(minutes=rng.randint(5, 240))
            if step_at > now:
                break  # the complaint has not got that far yet
            at = step_at
            self._take(action, at, fields)
        fields["due_on"] = self._due_on(fields)
        return fields

    def _take(self, action, at, fields):
        rng = self.rng
        fields["status_changed_at"] = at
        if action == "request_material":
            fields["status"] = Status.AWAITING_MATERIAL
            fields["paused_reason"] = PAUSED_BECAUSE
        elif action == "refuse":
            fields["status"] = Status.NOT_ACCEPTED
        elif action == "accept":
            fields["status"], fields["accepted_at"] = Status.ACCEPTED, at
        elif action == "forward":
            fields["status"], fields["forwarded_at"] = Status.FORWARDED, at
            fields["company_accepted_at"] = None  # forwarded again: to be accepted again
            simple = rng.random() < 0.6
            fields["complexity"] = (
                Complaint.Complexity.SIMPLE if simple else Complaint.Complexity.OTHER
            )
        elif action == "answer":
            # Answering is accepting, as answer_complaint records it.
            fields["status"] = Status.ANSWERED
            fields["company_accepted_at"] = fields["company_accepted_at"] or at
        elif action == "mediate":
            fields["status"] = Status.MEDIATION
        elif action == "close":
            resolved = rng.random() < 0.8
            fields["status"] = Status.CLOSED
            fields["outcome"] = (
                Complaint.Outcome.RESOLVED if resolved else Complaint.Outcome.UNRESOLVED
            )
            fields["consumer_satisfied"] = resolved and rng.random() < 0.85
        elif action == "reopen":
            fields["status"], fields["outcome"], fields["consumer_satisfied"] = (
                Status.REOPENED,
                "",
                None,
            )

    def _due_on(self, fields):
        """workflow.due_on's answer for the state reached, from the day of its step."""
        status, start = fields["status"], fields["status_changed_at"].date()
        if status == Status.FORWARDED:
            step = (
                TimeLimit.Step.COMPANY_DECISION_SIMPLE
                if fields["complexity"] == Complaint.Complexity.SIMPLE
                else TimeLimit.Step.COMPANY_DECISION
            )
            return self.due(step, start)
        step = CLOCK.get(status)
        return None if step is None else self.due(step, start)


def _copy_columns():
    """(column names, field names) of the loaded table, in COPY order: every concrete field
    but the id, the duplicate and the merge."""
    fields = [
        field
        for field in Complaint._meta.concrete_fields
        if field.name not in ("id", "possible_duplicate_of", "merged_into")
    ]
    return [field.column for field in fields], [field.attname for field in fields]


def _converters(attnames):
    """For each column, how a value is written in COPY's text format (our values hold no tab,
    newline or backslash)."""

    def boolean(value):
        return "t" if value else "f"

    def moment(value):
        return value.isoformat()

    by_type = {"BooleanField": boolean, "DateTimeField": moment}
    return [
        by_type.get(Complaint._meta.get_field(name).get_internal_type(), str)
        for name in (attname.removesuffix("_id") for attname in attnames)
    ]


# Handed to each process of the pool once (fork), not with every chunk.
_worker = {}


def _start_worker(setting, clock, encrypter, attnames):
    _worker.update(setting=setting, clock=clock, encrypter=encrypter, attnames=attnames)


def copy_chunk(task):
    """One chunk of rows as COPY text, personal data encrypted: (rows, text)."""
    seed, size = task
    draw = Draw(_worker["setting"], _worker["clock"], seed)
    encrypt, attnames = _worker["encrypter"].encrypt, _worker["attnames"]
    columns = list(zip(attnames, _converters(attnames), strict=True))
    lines = []
    for fields in draw.complaints(size):
        for name in PERSONAL:
            if fields[name]:
                fields[name] = encrypt(fields[name].encode()).decode()
        lines.append(
            "\t".join(
                "\\N" if fields[name] is None else text(fields[name]) for name, text in columns
            )
        )
    lines.append("")
    return size, "\n".join(lines)


def _chunks(count, batch, seed):
    for index, start in enumerate(range(0, count, batch)):
        yield seed * 1_000_003 + index, min(batch, count - start)


def bulk_load_complaints(
    count,
    *,
    companies=COMPANIES,
    seed=12378,
    batch=10_000,
    processes=None,
    now=None,
    progress=print,
):
    """Add ``count`` made-up complaints received over the year before ``now`` (default: now);
    returns how many were added. Made-up insurers are added first when there are fewer than
    ``companies``. ``progress(line)`` is told how far it has got."""
    now = now or timezone.now()
    made = add_missing_companies(companies)
    if made:
        progress(f"{made} made-up insurers added")
    setting, clock = read_setting(now), Clock.load()
    if connection.vendor == "postgresql":
        return _copy(count, setting, clock, seed, batch, processes or os.cpu_count(), progress)
    return _insert(count, setting, clock, seed, batch, progress)


# Below this many rows (or the rows already there), the indexes are kept up row by row.
REBUILD_FROM = 50_000


def _copy(count, setting, clock, seed, batch, processes, progress):
    columns, attnames = _copy_columns()
    # The keys are derived once (PBKDF2) here, and the pool's processes inherit them.
    encrypter = Complaint._meta.get_field("complainant_phone").f
    table = connection.ops.quote_name(Complaint._meta.db_table)
    statement = (
        f"COPY {table} ({', '.join(connection.ops.quote_name(c) for c in columns)}) FROM STDIN"
    )
    started, done = time.perf_counter(), 0
    context = multiprocessing.get_context("fork")
    with (
        context.Pool(
            processes, initializer=_start_worker, initargs=(setting, clock, encrypter, attnames)
        ) as pool,
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        rebuild = count >= max(REBUILD_FROM, Complaint.objects.count())
        if rebuild:
            restore = _drop_indexes_and_foreign_keys(cursor, table)
            # Each index is then built by one sort: in memory, not in temporary files.
            cursor.execute("SET LOCAL maintenance_work_mem = '256MB'")
        for rows, text in pool.imap(copy_chunk, _chunks(count, batch, seed)):
            cursor.copy_expert(statement, io.StringIO(text))
            done += rows
            _report(progress, done, count, started)
        if rebuild:
            for definition in restore:
                cursor.execute(definition)
            progress(f"indexes and foreign keys back  {time.perf_counter() - started:6.1f} s")
        cursor.execute(f"ANALYZE {table}")
    return done


def _drop_indexes_and_foreign_keys(cursor, table):
    """Drop the table's secondary indexes and its foreign keys, as PostgreSQL's advice on
    populating a database says (building each once at the end is far quicker than keeping
    them up row by row); returns the statements that put the same ones back. All of it runs
    in the load's transaction: a failed load leaves them as they were."""
    cursor.execute(
        """
        SELECT index.relname, pg_get_indexdef(index.oid)
        FROM pg_index x JOIN pg_class index ON index.oid = x.indexrelid
        WHERE x.indrelid = %s::regclass AND NOT x.indisprimary
          AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = x.indexrelid)
        """,
        [table],
    )
    indexes = cursor.fetchall()
    cursor.execute(
        """
        SELECT conname, pg_get_constraintdef(oid)
        FROM pg_constraint WHERE conrelid = %s::regclass AND contype = 'f'
        """,
        [table],
    )
    foreign_keys = cursor.fetchall()
    quote = connection.ops.quote_name
    for name, _definition in foreign_keys:
        cursor.execute(f"ALTER TABLE {table} DROP CONSTRAINT {quote(name)}")
    for name, _definition in indexes:
        cursor.execute(f"DROP INDEX {quote(name)}")
    return [definition for _name, definition in indexes] + [
        f"ALTER TABLE {table} ADD CONSTRAINT {quote(name)} {definition}"
        for name, definition in foreign_keys
    ]


def _insert(count, setting, clock, seed, batch, progress):
    started, done = time.perf_counter(), 0
    with transaction.atomic():
        for chunk_seed, size in _chunks(count, batch, seed):
            draw = Draw(setting, clock, chunk_seed)
            Complaint.objects.bulk_create(
                (Complaint(**fields) for fields in draw.complaints(size)), batch_size=500
            )
            done += size
            _report(progress, done, count, started)
    return done


def _report(progress, done, count, started):
    elapsed = time.perf_counter() - started
    progress(f"{done:>10,} / {count:,} complaints  {elapsed:6.1f} s  {done / elapsed:,.0f}/s")
