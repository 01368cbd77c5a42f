"""Write the editorial report during the build (CHECKER_REPORT_IN_BUILD), through a Pelican Generator."""

from __future__ import annotations

import dataclasses
import datetime as dt
import logging
import os
from pathlib import Path
from typing import Any

from pelican.generators import Generator

from .report import collect, write_report, year_to_date
from .settings import config_from_settings

logger = logging.getLogger(__name__)


class ReportGenerator(Generator):
    """Write output/_report/ for the configured period (default: the current year to the build date)."""

    @staticmethod
    def contribute(pelican: Any) -> list[type[ReportGenerator]]:
        """Return this generator when the report is part of the build (get_generators receiver)."""
        return [ReportGenerator] if pelican.settings.get("CHECKER_REPORT_IN_BUILD") else []

    def generate_context(self) -> None:
        """Collect the stories from the sources the engine read (before it lets them go)."""
        config = config_from_settings(self.settings, Path(os.getcwd()))
        self.config = dataclasses.replace(config, output_dir=Path(self.output_path))
        site = self.context.get("multilang")
        # The build date (MULTILANG_BUILD_DATE, default today) is the build's explicit input.
        today = getattr(site, "build_date", None) or dt.date.today()
        self.period = config.report_period or year_to_date(today)
        self.data = collect(self.config, *self.period, site)

    def generate_output(self, writer: Any) -> None:
        """Write the report's pages and CSV files."""
        out = write_report(self.data)
        logger.info("editorial report for %s – %s written to %s", *self.period, out)
