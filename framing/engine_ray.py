"""The Ray engine: ``framing report --engine ray`` on a Ray cluster (a local one by default).

The same stages as the local engine (``framing.report``), called through the same functions, so
the same events, wire copies, claims and frames:

1. read: one Ray task per input file (``framing.ingest.read_file``);
2. per article (clean, segment, embed, frames): Ray Data ``map_batches`` over an actor pool,
   the encoder loaded once per actor (``framing.batch.run_batch``), batches of the local
   engine's size;
3. corpus level (``framing.engine_ray_events``): TF-IDF event vectors from a distributed
   vocabulary, candidate pairs (all pairs of a small corpus, blocks in a large one), links,
   connected components, the greedy join per component; then per event (a ``groupby``): wire
   copies, claims and alignments.

Only small per-article values reach the driver on the way (ids, positions, lead ordinals,
dates, one similarity per article, the vocabulary with its frequencies); the articles' text and
sentences stay in the cluster until the report is written. The per-article results are written
as Parquet shards by the workers; ``report.json`` and the HTML are written from the driver (with
``top_events``, only the largest events' articles are fetched for them).
"""

from __future__ import annotations

import dataclasses
import json
import os
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from framing.errors import InputError
from framing.types import Article

EXTRA = "framing[ray]"
BLOCK_ARTICLES = 64  # articles per block of the corpus dataset: two batches, so work spreads over the actors
CRASH_ONCE = "FRAMING_RAY_CRASH_ONCE"  # testing aid: a marker file; the first batch that finds
# it absent creates it and kills its own worker process (Ray must retry the batch)


def require_ray() -> None:
    """Check that Ray (with Ray Data) is importable.

    Raises:
        InputError: it is not: names the extra to install.
    """
    try:
        import ray
        import ray.data  # noqa: F401
    except ImportError:
        raise InputError("--engine ray", f"Ray is not installed; install it with: pip install '{EXTRA}'") from None


@contextmanager
def cluster(address: str | None = None, workers: int = 2) -> Iterator[None]:
    """Connect to the Ray cluster at ``address``, or start a local one of ``workers`` CPUs.

    A cluster this process was already connected to is used as it is and left running; one
    started or joined here is shut down (disconnected) on the way out.
    """
    import ray

    started = not ray.is_initialized()
    if started:
        kwargs: dict[str, Any] = {"address": address} if address else {"num_cpus": workers}
        try:
            ray.init(**kwargs, include_dashboard=False, log_to_driver=False, logging_level="ERROR",
                     configure_logging=True)
        except (ConnectionError, ValueError) as err:
            raise InputError(f"--address {address}", f"cannot join this Ray cluster ({err})") from None
    _quiet_data()
    try:
        yield
    finally:
        if started:
            ray.shutdown()


def _quiet_data() -> None:
    """No Ray Data progress bars or per-stage logs on the user's terminal."""
    import logging
    import warnings

    from ray.data import DataContext

    logging.getLogger("ray.data").setLevel(logging.ERROR)
    warnings.filterwarnings("ignore", module=r"ray\.data\..*")
    context = DataContext.get_current()
    context.enable_progress_bars = False
    context.print_on_execution_start = False
    context.verbose_stats_logs = False


def read_corpus(inputs: Sequence[str], *, on_skip: Callable[[InputError], None] | None = None) -> Any:
    """The corpus as a Ray dataset of articles (``pos``, ``article`` as JSON), in input order.

    Files are read by Ray tasks; the driver sees each article's id and source only, to give
    every article its position and a unique id exactly as ``load_articles`` does.

    Raises:
        InputError: an input is missing, unreadable, or a directory with no readable article.
    """
    import ray
    import ray.data

    from framing.ingest import corpus_files

    files = corpus_files(inputs)
    rows = [{"file": k, "path": path, "in_dir": in_dir} for k, (_, path, in_dir) in enumerate(files)]
    read = ray.data.from_items(rows, override_num_blocks=max(1, min(len(rows), 64)))
    read = read.map_batches(_read_files, batch_format="pyarrow", batch_size=16).materialize()
    index = read.select_columns(["file", "row", "id", "source", "problem"]).to_pandas()
    index = index.sort_values(["file", "row"], kind="stable")
    _skipped(index, files, on_skip)
    index = index[index["problem"] == ""]
    renamed = _unique_ids(index)
    placed = read.filter(lambda row: row["problem"] == "").map_batches(
        _place, fn_kwargs={"places": ray.put(renamed)}, batch_format="pyarrow")
    # materialized: an actor pool holding every CPU of a small cluster must not wait on these tasks
    return placed.repartition(max(2, min(1000, -(-len(renamed) // BLOCK_ARTICLES)))).materialize()


def _read_files(batch: Any) -> Any:
    """Ray task: the articles of some files (a bad file gives one row naming its problem)."""
    from framing.ingest import read_file

    out = []
    for row in batch.to_pylist():
        try:
            articles = read_file(row["path"], in_dir=row["in_dir"])
        except InputError as err:
            out.append({"file": row["file"], "row": 0, "id": "", "source": err.source, "problem": err.problem,
                        "article": ""})
            continue
        out.extend({"file": row["file"], "row": k, "id": a.id, "source": a.source, "problem": "",
                    "article": json.dumps(dataclasses.asdict(a))} for k, a in enumerate(articles))
    return _table(out, {"file": int, "row": int, "id": str, "source": str, "problem": str, "article": str})


def _skipped(index: Any, files: Sequence[tuple[str, str, bool]],
             on_skip: Callable[[InputError], None] | None) -> None:
    """Report the bad files of directories; raise for a bad file named directly or an empty directory."""
    bad = index[index["problem"] != ""]
    for file, source, problem in zip(bad["file"], bad["source"], bad["problem"], strict=True):
        err = InputError(source, problem)
        if not files[file][2]:
            raise err
        if on_skip:
            on_skip(err)
    good = set(index.loc[index["problem"] == "", "file"].tolist())
    for spec in dict.fromkeys(s for s, _, _ in files):
        if not any(k in good for k, f in enumerate(files) if f[0] == spec):
            raise InputError(spec, "no readable article in this directory")


def _unique_ids(index: Any) -> dict[tuple[int, int], tuple[int, str]]:
    """(file, row) -> (corpus position, id): ``load_articles``' renaming of taken ids."""
    from framing.ingest import unique_ids

    stubs = [Article(id=i, source=s, text="") for i, s in zip(index["id"], index["source"], strict=True)]
    places = zip(index["file"].tolist(), index["row"].tolist(), strict=True)
    return {place: (pos, a.id) for pos, (place, a) in enumerate(zip(places, unique_ids(stubs), strict=True))}


def _place(batch: Any, places: Any) -> Any:
    """Ray task: gives each article its corpus position and unique id."""
    from framing.engine_ray_events import _get

    places = _get(places)
    out = []
    for row in batch.to_pylist():
        pos, ident = places[(row["file"], row["row"])]
        article = json.loads(row["article"])
        article["id"] = ident
        out.append({"pos": pos, "article": json.dumps(article)})
    return _table(out, {"pos": int, "article": str})


def article_of(data: str) -> Article:
    """An article from its JSON form in a dataset."""
    return Article(**json.loads(data))


def _table(rows: list[dict[str, Any]], columns: dict[str, type]) -> Any:
    """A pyarrow table of rows with these columns (typed even when there is no row)."""
    import pyarrow as pa

    kinds = {int: pa.int64(), str: pa.string(), bytes: pa.binary(), float: pa.float64()}
    schema = pa.schema([(name, kinds[kind]) for name, kind in columns.items()])
    return pa.Table.from_pylist(rows, schema=schema)


def crash_once() -> None:
    """The testing aid of :data:`CRASH_ONCE`: kill this worker process the first time."""
    marker = os.environ.get(CRASH_ONCE)
    if marker and not os.path.exists(marker):
        Path(marker).write_text(str(os.getpid()))
        os._exit(1)


def ray_report(inputs: Sequence[str], *, encoder: Any, options: Any, rescorer: Any = None,
               address: str | None = None, workers: int = 2, shards: Path | None = None,
               top_events: int | None = None, on_skip: Callable[[InputError], None] | None = None) -> Any:
    """The ``framing report`` of a corpus, computed on a Ray cluster.

    Args:
        inputs: files and directories of articles.
        encoder: the sentence encoder (loaded once by each worker that needs it).
        options: entities, user frames, classifier and inventory for the frame detector.
        rescorer: revises uncertain sentence-pair scores (as in ``build_report``).
        address: a running cluster to use (``ray start --head`` prints it); None: a local one.
        workers: CPUs of the local cluster, and actors per stage.
        shards: where the workers write the per-article results as Parquet (None: nowhere).
        top_events: fetch and report only the largest this many events (None: all).
        on_skip: called with the error of each bad file inside a directory.

    Returns:
        The ``CorpusReport`` the local engine would give (restricted to the top events).
    """
    require_ray()
    with cluster(address, workers):
        arts = analyse_articles(read_corpus(inputs, on_skip=on_skip), encoder=encoder, options=options,
                                workers=workers)
        groups = _events(arts, workers)
        return _corpus_report(arts, groups, encoder=encoder, rescorer=rescorer, workers=workers,
                              shards=shards, top_events=top_events)


def analyse_articles(articles: Any, *, encoder: Any, options: Any, workers: int) -> Any:
    """The per-article stages on an actor pool, in batches of the local engine's size,
    materialized. (The encoder embeds each sentence alike whatever batch it is in, so the
    batches need not be the local engine's; the equality tests check it on real corpora.)"""
    from framing.batch import BATCH_SIZE

    return articles.map_batches(
        _Analyser, fn_constructor_kwargs={"encoder": encoder, "options": options}, compute=actors(workers),
        batch_size=BATCH_SIZE, batch_format="pyarrow").materialize()


def actors(workers: int) -> Any:
    """An actor pool of up to ``workers`` actors (fewer for a small input)."""
    from ray.data import ActorPoolStrategy

    return ActorPoolStrategy(min_size=1, max_size=workers)


def gather(ds: Any, key: str, workers: int) -> Any:
    """The rows of each ``key`` value packed into one row (``key``, ``rows``), materialized: a
    shuffle by tasks, kept apart from the actor pools that take its output (on a small cluster an
    actor pool holding every CPU would starve a shuffle feeding it)."""
    return ds.groupby(key, num_partitions=partitions(ds, workers)).map_groups(
        _pack, fn_kwargs={"key": key}, batch_format="pyarrow").materialize()


def partitions(ds: Any, workers: int) -> int:
    """Shuffle partitions for a dataset: a few per worker, more for a large one."""
    return max(workers, min(200, ds.count() // 2000 + 2 * workers))


def _pack(group: Any, key: str) -> Any:
    """Ray task: one group's rows as one row (pickled, read back by this run's own workers)."""
    import pickle

    return _table([{"key": group.column(key)[0].as_py(), "rows": pickle.dumps(group.to_pylist())}],
                  {"key": int, "rows": bytes})


def unpack(blob: bytes) -> list[dict[str, Any]]:
    """The rows :func:`gather` packed (written by this run's own workers)."""
    import pickle

    return pickle.loads(blob)


class _Analyser:
    """Ray actor: clean, segment, embed and detect frames (``framing.batch.run_batch``), and
    the event features of each article (word bags, lead ordinals, date)."""

    def __init__(self, encoder: Any, options: Any) -> None:
        self.encoder, self.options = encoder, options

    def __call__(self, batch: Any) -> Any:
        from framing.batch import decode_result, run_batch
        from framing.event_split import outlet_of
        from framing.events import event_bags, signals

        crash_once()
        rows = batch.to_pylist()
        articles = [article_of(r["article"]) for r in rows]
        out = []
        for row, article, result in zip(rows, articles, run_batch(articles, self.encoder, self.options), strict=True):
            doc, _ = decode_result(article, result)
            full, head = event_bags(doc)
            sig = signals(doc)
            out.append({"pos": row["pos"], "id": article.id, "article": row["article"], "result": result,
                        "full": json.dumps(list(full.items())), "head": json.dumps(list(head.items())),
                        "lead": json.dumps([[o.number, sorted(o.series)] for o in sig.lead]),
                        "day": sig.day.toordinal() if sig.day else 0, "outlet": outlet_of(article) or "",
                        "text": json.dumps([sig.text.day, sorted(sig.text.tallies)])})
        return _table(out, {"pos": int, "id": str, "article": str, "result": str, "full": str, "head": str,
                            "lead": str, "day": int, "outlet": str, "text": str})


def _events(arts: Any, workers: int) -> list[list[int]]:
    """Events as lists of article positions, largest first (``framing.engine_ray_events``)."""
    import numpy as np
    import ray

    from framing import engine_ray_events as ev
    from framing.events import day_numbers

    table = arts.select_columns(["pos", "lead", "day", "outlet", "text"]).to_pandas().sort_values("pos")
    sigs = [ev.signals_of(lead, day, text) for lead, day, text in zip(table["lead"], table["day"], table["text"],
                                                                      strict=True)]
    n, sigs_ref = len(sigs), ray.put(sigs)
    vocab = ev.vocabulary(arts)
    full, head = (vocab["parts"][p] for p in (0, 1))
    vectors = arts.map_batches(ev.vectors_of, fn_kwargs={"vocab": ray.put(vocab)},
                               batch_format="pyarrow").materialize()
    width = max(len(full[0]), 1) + max(len(head[0]), 1)
    matrix = ray.remote(ev.assemble).remote(vectors, n, width)
    shared = np.zeros(width, dtype=bool)
    for offset, (columns, df) in ((0, full), (max(len(full[0]), 1), head)):
        shared[[offset + c for w, c in columns.items() if df[w] > 1]] = True
    pairs = ev.candidate_pairs(arts, matrix, sigs_ref, ray.put(shared), n, workers).materialize()
    usual = ev.usual_similarity(pairs, n, day_numbers(sigs))
    return ev.group_events(pairs, usual, sigs, sigs_ref, workers,
                           outlets=[o or None for o in table["outlet"]], matrix=matrix)


def _corpus_report(arts: Any, groups: list[list[int]], *, encoder: Any, rescorer: Any, workers: int,
                   shards: Path | None, top_events: int | None) -> Any:
    """Per-event stages on an actor pool, the Parquet shards, and the report of the top events."""
    import numpy as np
    import ray

    from framing import engine_ray_events as ev

    numbers = np.zeros(sum(len(g) for g in groups), dtype=np.int64)
    for number, members in enumerate(groups, 1):
        numbers[members] = number
    numbers_ref = ray.put(numbers)
    numbered = arts.map_batches(_numbered, fn_kwargs={"numbers": numbers_ref}, batch_format="pyarrow").materialize()
    if shards is not None:
        numbered.select_columns(["pos", "id", "event", "article", "result"]).write_parquet(str(shards))
    keep = len(groups) if top_events is None else min(top_events, len(groups))
    chosen = numbered.filter(lambda row: row["event"] <= keep).materialize()
    results = gather(chosen, "event", workers).map_batches(
        ev.EventStage, fn_constructor_kwargs={"encoder": encoder, "rescorer": rescorer, "numbers": numbers_ref},
        compute=actors(workers), batch_size=1, batch_format="pyarrow")
    per_event = sorted((row["event"], row["blob"]) for row in results.iter_rows())
    rows = sorted(chosen.select_columns(["pos", "article", "result"]).iter_rows(), key=lambda r: r["pos"])
    return assemble_report(rows, [unpack(blob) for _, blob in per_event])


def _numbered(batch: Any, numbers: Any) -> Any:
    """Ray task: each article's event number."""
    import pyarrow as pa

    from framing.engine_ray_events import _get

    pos = batch.column("pos").to_numpy()
    return batch.append_column("event", pa.array(_get(numbers)[pos], type=pa.int64()))


def assemble_report(rows: Sequence[dict[str, Any]], events: Sequence[Any]) -> Any:
    """The ``CorpusReport`` of some articles (in corpus order) and their events' results.

    Args:
        rows: the articles, with their per-article results (``pos``, ``article``, ``result``).
        events: per event in order: (Event, wire groups by position, copied shares, alignments).
    """
    from framing.batch import decode_result
    from framing.report import CorpusReport

    decoded = {r["pos"]: decode_result(article_of(r["article"]), r["result"]) for r in rows}
    copies = sorted(g for _, groups, _, _ in events for g in groups)
    shares = {key: value for _, _, copied, _ in events for key, value in copied.items()}
    ids = {pos: doc.id for pos, (doc, _) in decoded.items()}
    copied = {}
    for group in copies:
        for k, i in enumerate(group):
            copied.update({(ids[i], ids[j]): shares[(ids[i], ids[j])] for j in group[k + 1 :]
                           if (ids[i], ids[j]) in shares})
    synd = {ids[i]: tuple(ids[j] for j in group if j != i) for group in copies for i in group}
    pairs = {key: value for _, _, _, aligned in events for key, value in aligned.items()}
    found = tuple(e for e, _, _, _ in events)
    return CorpusReport(docs=tuple(d for d, _ in decoded.values()), frames=tuple(f for _, f in decoded.values()),
                        events=found, event_of={a: e.id for e in found for a in e.articles}, syndicated=synd,
                        pair_alignments=pairs, copied=copied)
