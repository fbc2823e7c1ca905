"""Querysets compiled once per process and run again with other values.

A list page's two queries (its articles, and how many there are) cost more to compile in the
ORM than to run: about 0.6 ms of a 3 ms page. `Compiled(make)` compiles `make(*values)` once per
database, page slice and kind of query, with stand-in values for the arguments, and then runs
the SQL with each request's values in their place, building the model instances as the ORM
does (select_related included). The queryset stays the one place that says what a list shows
(published() included).

    newest_in = Compiled(lambda now, section: Article.objects.published(now).in_section(section))
    page = newest_in.bind(timezone.now(), section.pk)[20:40]      # a list of articles
    count = newest_in.bind(timezone.now(), section.pk).count_upto(120)

Arguments are ints, strings (compared as they are: exact lookups) and aware datetimes: the
parameters the ORM makes of them are found by their stand-in values, and a request's values are
adapted for the database as the ORM adapts them.
"""

import datetime
import threading

from django.db import connections, router
from django.db.models.query import get_related_populators

# Stand-ins no real argument takes: negative ids, times before the site existed.
_INT_STANDIN = -918_273_640
_TIME_STANDIN = datetime.datetime(1901, 1, 1, tzinfo=datetime.UTC)
_STR_STANDIN = "\x00stand-in "  # never sent: the SQL is only compiled with it


def _standins(values):
    standins = []
    for n, value in enumerate(values):
        if isinstance(value, datetime.datetime):
            standins.append(_TIME_STANDIN + datetime.timedelta(seconds=n))
        elif isinstance(value, int):
            standins.append(_INT_STANDIN - n)
        elif isinstance(value, str):
            standins.append(f"{_STR_STANDIN}{n}")
        else:
            raise TypeError(f"Compiled queries take ints, strings and datetimes, not {type(value).__name__}")
    return standins


def _adapt(connection, value):
    if isinstance(value, datetime.datetime):
        return connection.ops.adapt_datetimefield_value(value)
    if isinstance(value, str):
        return value
    return connection.ops.adapt_integerfield_value(value, "IntegerField")


class Compiled:
    def __init__(self, make):
        self.make = make
        self._made = {}
        self._lock = threading.Lock()
        self._model = None

    def bind(self, *values):
        if self._model is None:
            self._model = self.make(*_standins(values)).model
        return Bound(self, values, router.db_for_read(self._model))

    def _statement(self, alias, kind, low, high, values):
        """(sql, positions of the arguments in its parameters, fixed parameters, how to build rows)."""
        key = (alias, kind, low, high, tuple(type(value) for value in values))
        made = self._made.get(key)
        if made is None:
            made = self._compile(alias, kind, low, high, values)
            with self._lock:
                if len(self._made) > 500:  # a few kinds × 50 pages: never reached in use
                    self._made.clear()
                self._made[key] = made
        return made

    def _compile(self, alias, kind, low, high, values):
        connection = connections[alias]
        standins = _standins(values)
        queryset = self.make(*standins)
        if kind == "count":
            compiler = queryset.order_by().values("pk")[low:high].query.get_compiler(alias)
            sql, params = compiler.as_sql()
            sql = f"SELECT COUNT(*) FROM ({sql}) counted"
            build = None
        else:
            compiler = queryset[low:high].query.get_compiler(alias)
            sql, params = compiler.as_sql()
            build = _Builder(compiler, alias)
        adapted = [_adapt(connection, standin) for standin in standins]
        positions = [[n for n, param in enumerate(params) if param == standin] for standin in adapted]
        if not all(positions):
            raise ValueError("an argument of a compiled query does not reach its SQL")
        return sql, list(params), positions, build


class Bound:
    """A compiled query with its values: sliced for a page of objects, or counted up to a limit."""

    def __init__(self, compiled, values, alias):
        self.compiled, self.values, self.alias = compiled, values, alias

    def _run(self, kind, low, high):
        sql, params, positions, build = self.compiled._statement(self.alias, kind, low, high, self.values)
        connection = connections[self.alias]
        params = list(params)
        for value, places in zip(self.values, positions, strict=True):
            adapted = _adapt(connection, value)
            for place in places:
                params[place] = adapted
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            rows = cursor.fetchall()
        return rows if build is None else build(rows, connection)

    def count_upto(self, limit):
        """How many rows there are, counting no further than `limit`."""
        return self._run("count", 0, limit)[0][0]

    def __getitem__(self, window):
        if not isinstance(window, slice) or window.step is not None:
            raise TypeError("a compiled query is read by slices")
        low = window.start or 0
        if window.stop is not None and window.stop <= low:
            return []  # the ORM runs no query for an empty slice either
        return self._run("rows", low, window.stop)


class _Builder:
    """Model instances from rows, as the ORM's ModelIterable makes them."""

    def __init__(self, compiler, alias):
        select, klass_info = compiler.select, compiler.klass_info
        fields = klass_info["select_fields"]
        self.model, self.alias = klass_info["model"], alias
        self.start, self.end = fields[0], fields[-1] + 1
        self.names = [column[0].target.attname for column in select[self.start:self.end]]
        self.related = get_related_populators(klass_info, select, alias)
        self.converters = compiler.get_converters([column[0] for column in select])

    def __call__(self, rows, connection):
        objects = []
        for row in rows:
            if self.converters:
                row = list(row)
                for n, (converters, expression) in self.converters.items():
                    for converter in converters:
                        row[n] = converter(row[n], expression, connection)
            obj = self.model.from_db(self.alias, self.names, row[self.start:self.end])
            for populator in self.related:
                populator.populate(row, obj)
            objects.append(obj)
        return objects
