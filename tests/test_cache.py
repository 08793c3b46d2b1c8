"""The per-worker LRU cache of answers."""

from __future__ import annotations

from api.cache import LRUCache


def test_computes_once_then_serves_from_cache():
    cache, calls = LRUCache(2), []
    compute = lambda: calls.append(1) or len(calls)  # noqa: E731
    assert cache.get_or_compute("a", compute) == 1
    assert cache.get_or_compute("a", compute) == 1
    assert (cache.hits, cache.misses, len(calls)) == (1, 1, 1)


def test_drops_the_least_recently_used():
    cache = LRUCache(2)
    for key in ("a", "b"):
        cache.get_or_compute(key, lambda: key)
    cache.get_or_compute("a", lambda: "again")  # a is now the most recent
    cache.get_or_compute("c", lambda: "c")  # evicts b
    assert cache.get_or_compute("a", lambda: "x") == "a"
    assert cache.get_or_compute("c", lambda: "x") == "c"
    assert cache.get_or_compute("b", lambda: "recomputed") == "recomputed"
    assert len(cache) == 2


def test_size_zero_caches_nothing():
    cache = LRUCache(0)
    assert cache.get_or_compute("a", lambda: 1) == 1
    assert cache.get_or_compute("a", lambda: 2) == 2
    assert len(cache) == 0
