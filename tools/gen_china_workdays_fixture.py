#!/usr/bin/env python3
"""Writes the test fixture app/src/domain/sla/china_workdays.txt: for every day of the given years,
whether `chinesecalendar` says it is a working day (W) or a day off (O). The Rust test
`every_day_of_2025_and_2026_matches_chinesecalendar` checks the compiled-in calendar against it, so the
schedule is tested against an independent source, day by day.

    /tmp/cal/bin/python tools/gen_china_workdays_fixture.py 2025 2026 > app/src/domain/sla/china_workdays.txt
"""
import datetime as dt
import sys

import chinese_calendar as cc


def main(years):
    print(f"# chinesecalendar {cc.__version__}: W = working day, O = day off")
    for year in years:
        day = dt.date(year, 1, 1)
        while day.year == year:
            print(day.isoformat(), "W" if cc.is_workday(day) else "O")
            day += dt.timedelta(days=1)


if __name__ == "__main__":
    main([int(y) for y in sys.argv[1:]] or [2025, 2026])
