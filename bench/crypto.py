"""Benchmark of the sealing suites and of a key-ring rotation.

Run: ``.venv/bin/python bench/crypto.py [--n 100000] [--iterations 2000]``

Prints, side by side for the hybrid ML-KEM-768 + X25519 suite and plain X25519:
microseconds to seal and to open a 32-byte data key, the ratio between the
suites, and the ciphertext overhead in bytes. Then seals N data keys to a ring
and measures how many records per second a ring rotation re-seals. It prints
figures only; nothing here asserts on time.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from pathlib import Path

# bench/queue.py would shadow the standard library's queue module: drop this folder from the path.
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != Path(__file__).resolve().parent]
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from gratifikasi.crypto import rings, sealing  # noqa: E402
from gratifikasi.crypto.fields import new_data_key  # noqa: E402

INFO = b"bench/info"
AAD = b"bench/record:1"
ROUNDS = 5


def per_call_us(operation: Callable[[], object], iterations: int) -> float:
    """Best of ROUNDS rounds of the mean time per call, in microseconds.

    The best round, as ``timeit`` advises: on a shared machine slower rounds
    measure the neighbours, not the code.
    """
    operation()  # warm-up
    samples = []
    for _ in range(ROUNDS):
        start = time.perf_counter()
        for _ in range(iterations):
            operation()
        samples.append((time.perf_counter() - start) / iterations * 1e6)
    return min(samples)


def measure_suite(suite: sealing.SealingSuite, iterations: int) -> dict[str, float]:
    keys = sealing.generate_keypair(suite)
    dek = new_data_key()
    blob = sealing.seal(keys.public, dek, info=INFO, aad=AAD)
    if sealing.open_sealed(keys.private, blob, info=INFO, aad=AAD) != dek:
        raise SystemExit(f"{suite.name}: round trip failed")
    loaded = sealing.load_private_key(keys.private)
    loaded_public = sealing.load_public_key(keys.public)
    return {
        "seal_us": per_call_us(lambda: sealing.seal(keys.public, dek, info=INFO, aad=AAD), iterations),
        "seal_loaded_us": per_call_us(
            lambda: sealing.seal(loaded_public, dek, info=INFO, aad=AAD), iterations
        ),
        "open_us": per_call_us(
            lambda: sealing.open_sealed(keys.private, blob, info=INFO, aad=AAD), iterations
        ),
        "open_loaded_us": per_call_us(
            lambda: sealing.open_sealed(loaded, blob, info=INFO, aad=AAD), iterations
        ),
        "overhead": len(blob) - len(dek),
        "public_key": len(keys.public),
    }


def print_suites(iterations: int) -> None:
    hybrid = measure_suite(sealing.MLKEM768_X25519, iterations)
    classic = measure_suite(sealing.X25519, iterations)
    print(f"Sealing a 32-byte data key ({iterations} calls x {ROUNDS} rounds, best round)")
    print("(keys as stored bytes, parsed per call; 'pre-loaded' parses once, as rotation does)")
    print(f"{'':28}{'MLKEM768_X25519':>18}{'X25519':>12}{'ratio':>9}")
    for label, key, unit in [
        ("seal", "seal_us", "us"),
        ("open", "open_us", "us"),
        ("seal, key pre-loaded", "seal_loaded_us", "us"),
        ("open, key pre-loaded", "open_loaded_us", "us"),
        ("ciphertext overhead", "overhead", "B"),
        ("public key size", "public_key", "B"),
    ]:
        a, b = hybrid[key], classic[key]
        print(f"{label + ' (' + unit + ')':28}{a:>18.1f}{b:>12.1f}{a / b:>8.1f}x")
    print()


def progress(label: str, done: int, total: int, started: float) -> None:
    """One updating line on a terminal, one line per step when piped to a file."""
    rate = done / max(time.perf_counter() - started, 1e-9)
    line = f"  {label}: {done:>{len(str(total))}}/{total} ({done * 100 // total:3d}%), {rate:,.0f}/s"
    if sys.stdout.isatty():
        print("\r" + line, end="\n" if done == total else "", flush=True)
    else:
        print(line, flush=True)


def bench_rotation(n: int) -> None:
    purpose = rings.RingPurpose.CASE
    old_ring, new_ring = rings.new_ring(), rings.new_ring()
    old_public = sealing.load_public_key(old_ring.public)
    step = max(n // 10, 1)
    print(f"Ring rotation: re-sealing {n} data keys (MLKEM768_X25519, one process)")

    sealed: list[tuple[str, bytes]] = []
    started = time.perf_counter()
    for i in range(n):
        ref = f"report:{i}"
        sealed.append((ref, rings.seal_data_key(
            old_public, new_data_key(), purpose=purpose, ring_version=1, record_ref=ref
        )))
        if (i + 1) % step == 0 or i + 1 == n:
            progress("preparing old seals", i + 1, n, started)

    started = time.perf_counter()
    resealed = rings.reseal_data_keys(
        old_ring.private, new_ring.public, sealed,
        purpose=purpose, old_ring_version=1, new_ring_version=2,
    )
    for done, _ in enumerate(resealed, start=1):
        if done % step == 0 or done == n:
            progress("re-sealing", done, n, started)
    elapsed = time.perf_counter() - started
    print(f"  rotation of {n} records: {elapsed:.2f} s, {n / elapsed:,.0f} records/s, "
          f"{elapsed / n * 1e6:.1f} us/record (open + seal)")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=100_000, help="data keys to re-seal (default 100000)")
    parser.add_argument("--iterations", type=int, default=2_000, help="calls per timing round")
    args = parser.parse_args(argv)
    if args.n < 1 or args.iterations < 1:
        parser.error("--n and --iterations must be positive")
    print_suites(args.iterations)
    bench_rotation(args.n)


if __name__ == "__main__":
    main()
