"""StockholmDateTimeField: local times in Europe/Stockholm, the autumn's repeated hour and the spring's skipped one."""

import datetime
from zoneinfo import ZoneInfo

from django import forms

from isms.forms import (
    AMBIGUOUS,
    NONEXISTENT,
    NORMAL,
    StockholmDateTimeField,
    gap_bounds,
    local_time_kind,
)

STHLM = ZoneInfo("Europe/Stockholm")
UTC = datetime.UTC


class When(forms.Form):
    at = StockholmDateTimeField(label="Tid")
    maybe = StockholmDateTimeField(label="Kanske", required=False)


def test_kinds_of_local_time():
    assert local_time_kind(datetime.datetime(2024, 10, 27, 2, 30), STHLM) == AMBIGUOUS
    assert local_time_kind(datetime.datetime(2024, 3, 31, 2, 30), STHLM) == NONEXISTENT
    assert local_time_kind(datetime.datetime(2024, 3, 31, 3, 0), STHLM) == NORMAL
    assert local_time_kind(datetime.datetime(2024, 10, 27, 3, 0), STHLM) == NORMAL
    assert gap_bounds(datetime.datetime(2024, 3, 31, 2, 30), STHLM) == (
        datetime.datetime(2024, 3, 31, 2, 0),
        datetime.datetime(2024, 3, 31, 3, 0),
    )


def test_an_ordinary_time_is_stockholm_time_stored_as_utc():
    form = When({"at": "2024-06-01T14:30"})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["at"] == datetime.datetime(2024, 6, 1, 12, 30, tzinfo=UTC)
    assert form.cleaned_data["maybe"] is None


def test_the_spring_hour_that_does_not_exist_is_a_clear_error():
    form = When({"at": "2024-03-31T02:30"})
    assert not form.is_valid()
    assert form.errors["at"] == [
        "Tiden 02:30 finns inte den 2024-03-31 eftersom klockan ställdes fram. Ange en tid före 02:00 eller efter 03:00."
    ]


def test_the_autumn_hour_that_occurs_twice_asks_which_and_shows_the_choice():
    form = When({"at": "2024-10-27T02:30"})
    assert not form.is_valid()
    assert "inträffade två gånger" in form.errors["at"][0]
    html = str(form["at"])
    assert 'name="at_fold"' in html and "Före omställningen" in html and "Efter omställningen" in html


def test_the_choice_before_or_after_the_change_gives_the_two_instants():
    before = When({"at": "2024-10-27T02:30", "at_fold": "before"})
    after = When({"at": "2024-10-27 02:30", "at_fold": "after"})
    assert before.is_valid() and after.is_valid()
    assert before.cleaned_data["at"] == datetime.datetime(2024, 10, 27, 0, 30, tzinfo=UTC)  # CEST, UTC+2
    assert after.cleaned_data["at"] == datetime.datetime(2024, 10, 27, 1, 30, tzinfo=UTC)  # CET, UTC+1
    assert after.cleaned_data["at"] - before.cleaned_data["at"] == datetime.timedelta(hours=1)


def test_the_choice_is_shown_only_for_an_ambiguous_time():
    assert "at_fold" not in str(When({"at": "2024-10-27T03:30"})["at"])
    assert "at_fold" not in str(When()["at"])
    second = datetime.datetime(2024, 10, 27, 1, 30, tzinfo=UTC)  # 02:30 CET, the second 02:30
    html = str(When(initial={"at": second})["at"])
    assert 'value="2024-10-27T02:30"' in html
    assert 'value="after" checked' in html


def test_rubbish_and_missing_values_are_form_errors():
    form = When({"at": "i morgon"})
    assert not form.is_valid()
    assert form.errors["at"] == ["Ange datum och tid som ÅÅÅÅ-MM-DD TT:MM, till exempel 2024-03-01 14:30."]
    form = When({"at": ""})
    assert not form.is_valid()
    assert form.errors["at"] == ["Ange datum och tid."]


def test_the_label_points_at_the_date_and_time_input():
    html = When()["at"].label_tag()
    assert 'for="id_at"' in html
    assert 'id="id_at"' in str(When()["at"])
