"""The two-stage seeded search (construct totals, then items) and its driver :func:`reconstruct`."""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from ..codebook import Codebook
from .implications import max_total_sd
from .plan import Interval, Plan, plan_instrument, printed_interval, reported_index


# ---------------------------------------------------------------------------
# Settings and result
# ---------------------------------------------------------------------------
@dataclass(frozen=True)
class Settings:
    """Knobs of the search; recorded beside the data.

    Attributes
    ----------
    seed : int
        Seed of :func:`numpy.random.default_rng`; same seed, same data.
    batch : int
        Candidate moves evaluated together (vectorised).
    margin : float
        Each target interval is shrunk by this fraction of its width on both
        sides, so that a value found inside it stays inside when recomputed
        by another implementation (float rounding differences).
    item_total : {"plain", "corrected"}
        Which item-total r the printed minimum refers to (SPSS CORRELATIONS
        with a computed total gives the plain one).
    max_batches_totals, max_batches_items : int
        Give up a stage after this many batches and restart stage A from the
        next seed of the seed sequence.
    max_attempts : int
    t_start, t_end : float
        Temperature of the annealing at the start and end of a cycle (loss
        units); the schedule is geometric and restarts (re-heats) when a
        cycle ends without success.
    cycle : int
        Batches per annealing cycle.
    sd_cap : float
        Stage A keeps the SD of each free construct's total below this
        fraction of the largest SD its printed mean and alpha allow
        (:func:`max_total_sd`); near that bound no item matrix under those
        totals reaches the alpha (the items would need more spread than the
        scale's ceiling leaves).
    """

    seed: int = 20250501
    batch: int = 64
    margin: float = 0.02
    item_total: str = "plain"
    max_batches_totals: int = 15_000
    max_batches_items: int = 8_000
    max_attempts: int = 20
    t_start: float = 0.5
    t_end: float = 0.005
    cycle: int = 4_000
    sd_cap: float = 0.85

    def as_dict(self) -> dict[str, Any]:
        return {k: getattr(self, k) for k in self.__dataclass_fields__}


@dataclass(frozen=True)
class Reconstruction:
    """The reconstructed responses and how the search got there."""

    data: pd.DataFrame
    plan: Plan
    settings: Settings
    attempts: int
    batches_totals: int
    batches_items: int
    log: tuple[str, ...] = field(default=())


# ---------------------------------------------------------------------------
# Stage A: construct totals -> regression, collinearity, K-S
# ---------------------------------------------------------------------------
def _kolmogorov_sf(z: np.ndarray) -> np.ndarray:
    """2 sum (-1)^(k-1) exp(-2 k^2 z^2); the series converges fast for z > 0.5 (the range searched)."""
    k = np.arange(1, 41, dtype=float)
    terms = ((-1.0) ** (k - 1)) * np.exp(-2.0 * np.multiply.outer(z * z, k * k))
    return np.clip(2.0 * terms.sum(axis=-1), 0.0, 1.0)


def regression_targets(codebook: Codebook, reported: pd.DataFrame, *, n: int, margin: float) -> dict[str, Interval]:
    """Intervals for the regression-level targets, in the quantities the search computes.

    A printed Sig. of a coefficient is turned into an interval of its t
    (two-tailed, df = n - p - 1, sign of the printed B); a printed F and
    R² stay as they are; the K-S Asymp. Sig. stays a p-value; "VIF < 10"
    becomes a bound on the largest VIF; "largest Beta" a bound on the
    difference of standardized coefficients.
    """
    from scipy import stats

    rep = reported_index(reported)
    p = len(codebook.predictors)
    df = n - p - 1
    out: dict[str, Interval] = {}

    def eq(key: str) -> Interval:
        e = rep[key]
        return printed_interval(key, float(e["value"]), int(e["decimals"])).shrunk(margin)

    for key in ("regression.R2", "regression.F", "normality.ks_sig"):
        if key in rep:
            out[key] = eq(key)
    for c in codebook.predictors:
        bkey, skey = f"regression.B.{c.key}", f"regression.sig.{c.key}"
        if bkey in rep:
            out[bkey] = eq(bkey)
        if skey in rep:
            e = rep[skey]
            sig = printed_interval(skey, float(e["value"]), int(e["decimals"]))
            sign = 1.0 if bkey not in rep or float(rep[bkey]["value"]) >= 0 else -1.0
            t_hi = stats.t.isf(max(sig.lo, 0.0) / 2, df) if sig.lo > 0 else math.inf
            t_lo = stats.t.isf(sig.hi / 2, df)
            if math.isfinite(t_hi):
                pad = margin * (t_hi - t_lo)
                t_lo, t_hi = t_lo + pad, t_hi - pad
            else:
                t_lo = t_lo + 0.05
            lo, hi = (t_lo, t_hi) if sign > 0 else (-t_hi, -t_lo)
            out[f"t.{c.key}"] = Interval(f"t.{c.key}", lo, hi)
    if "collinearity.vif_max" in rep:
        out["vif_max"] = Interval("vif_max", -math.inf, float(rep["collinearity.vif_max"]["value"]) - 0.5)
    if "regression.largest_beta" in rep:
        out["beta_gap"] = Interval("beta_gap", 0.01, math.inf)
    return out


_NATURAL_SCALE = {"sd": 0.1, "regression.R2": 0.01, "regression.F": 1.0, "normality.ks_sig": 0.005, "vif_max": 1.0,
                  "regression.B": 0.002, "t": 0.1, "beta_gap": 0.01}


_LOSS_UNIT = {"regression.F": 0.02}
# Loss unit of one-sided bounds (no rounding interval to take it from).
_ONE_SIDED_UNIT = {"beta_gap": 0.02, "sd": 0.1}


def _natural_scale(name: str) -> float:
    if name.startswith("t."):
        return _NATURAL_SCALE["t"]
    if name.startswith("sd."):
        return _NATURAL_SCALE["sd"]
    if name.startswith("regression.B."):
        return _NATURAL_SCALE["regression.B"]
    return _NATURAL_SCALE.get(name, 1.0)


class _TotalsSearch:
    """Stage A state: one integer vector per construct and the cross-products of the composites."""

    def __init__(self, codebook: Codebook, plan: Plan, targets: Mapping[str, Interval], rng, settings: Settings,
                 largest_beta: str | None):
        self.n = plan.n
        self.rng = rng
        self.settings = settings
        self.keys = plan.constructs
        self.p = len(self.keys) - 1
        lo, hi, scale, shift, sums, base = [], [], [], [], [], []
        smin, smax = codebook.scale.min, codebook.scale.max
        for key in self.keys:
            k = len(codebook.construct(key).items)
            div = k if codebook.composite == "mean" else 1
            if key in plan.lockstep:
                lp = plan.lockstep[key]
                top = smax - max(lp.offsets)
                lo.append(smin); hi.append(top)
                scale.append(k / div); shift.append(sum(lp.offsets) / div)
                sums.append(lp.base_sum)
                base.append(True)
            else:
                lo.append(smin * k); hi.append(smax * k)
                scale.append(1.0 / div); shift.append(0.0)
                sums.append(plan.construct_sums[key])
                base.append(False)
        self.lo = np.array(lo); self.hi = np.array(hi)
        self.scale = np.array(scale); self.shift = np.array(shift)
        self.sums = np.array(sums)
        self.lockstep_base = base
        self.V = self._initial(rng)
        self.largest = None if largest_beta is None else self.keys.index(largest_beta)
        self.names = list(targets)
        self.sd_keys = [k[3:] for k in self.names if k.startswith("sd.")]
        self.t_lo = np.array([targets[k].lo for k in self.names])
        self.t_hi = np.array([targets[k].hi for k in self.names])
        width = []
        for k in self.names:
            w = targets[k].width
            width.append(w if math.isfinite(w) else _ONE_SIDED_UNIT.get(k.split(".")[0], 1.0))
        # The loss measures F's distance in a coarser unit than its window: F pins R² to a window
        # ~200 times narrower than R²'s own, and a steep penalty there freezes the other targets.
        self.t_w = np.maximum(np.array(width), [_LOSS_UNIT.get(k, 0.0) for k in self.names])
        # A linear term on a natural scale keeps a pull towards targets that are still far away
        # (log1p alone flattens out there).
        self.t_scale = np.array([_natural_scale(k) for k in self.names])
        self._refresh()

    def _initial(self, rng) -> np.ndarray:
        # Start from totals that share one latent trait, so the regression starts near a strong fit.
        n = self.n
        latent = rng.standard_normal(n)
        V = np.empty((len(self.keys), n), dtype=np.int64)
        for c in range(len(self.keys)):
            mean = self.sums[c] / n
            # Typical spreads of a Likert total (free) and of a single item (lockstep base).
            spread = (0.25 if self.lockstep_base[c] else 0.12) * (self.hi[c] - self.lo[c])
            v = np.rint(mean + spread * (0.8 * latent + 0.6 * rng.standard_normal(n)))
            v = np.clip(v, self.lo[c], self.hi[c]).astype(np.int64)
            while v.sum() != self.sums[c]:
                step = 1 if v.sum() < self.sums[c] else -1
                ok = np.flatnonzero((v + step >= self.lo[c]) & (v + step <= self.hi[c]))
                v[rng.choice(ok)] += step
            V[c] = v
        return V

    def _refresh(self, loss: float | None = None) -> None:
        self.Z = self.V * self.scale[:, None] + self.shift[:, None]      # composites, (q, n)
        self.Zc = self.Z - self.Z.mean(axis=1, keepdims=True)
        self.S = self.Zc @ self.Zc.T                                       # centred cross-products
        self.loss = float(self.evaluate(*self._null(), null=True)[0][0]) if loss is None else float(loss)

    @staticmethod
    def _null():
        return np.array([0]), np.array([0]), np.array([1]), np.array([0])

    def current(self) -> dict[str, float]:
        """The searched statistics of the current state."""
        return {k: float(v[0]) for k, v in self.evaluate(*self._null(), null=True)[1].items()}

    def propose(self, m: int):
        """Candidate moves (construct, row a, row b, step): row a gains ``step`` points, row b loses them.

        Half the candidates move one point, a quarter swap the two rows' values
        (step = V[b] - V[a]: the construct's distribution is kept, its pairing
        with the others changes), a quarter move two or three points.
        """
        rng = self.rng
        c = rng.integers(0, len(self.keys), m)
        a = rng.integers(0, self.n, m)
        b = (a + rng.integers(1, self.n, m)) % self.n
        kind = rng.random(m)
        step = np.where(kind < 0.5, 1, rng.integers(2, 4, m))
        swap = self.V[c, b] - self.V[c, a]
        step = np.where((kind >= 0.5) & (kind < 0.75), swap, step)
        return c, a, b, step

    def evaluate(self, c, a, b, step, *, null: bool = False):
        """Loss (and the statistics) after moving ``step`` points of construct c from row b to row a."""
        n, p = self.n, self.p
        q = p + 1
        m = len(c)
        delta = self.scale[c] * step * (0.0 if null else 1.0)
        feasible = ((self.V[c, a] + step <= self.hi[c]) & (self.V[c, b] - step >= self.lo[c])
                    & (step != 0)) | null
        za, zb = self.Z[:, a].T, self.Z[:, b].T                           # (m, q)
        row = delta[:, None] * (za - zb)
        ar = np.arange(m)
        row[ar, c] = 2 * delta * (za[ar, c] - zb[ar, c]) + 2 * delta**2
        S = np.broadcast_to(self.S, (m, q, q)).copy()
        S[ar, c, :] += row
        S[ar, :, c] += row
        S[ar, c, c] -= row[ar, c]
        Sxx, Sxy, Syy = S[:, :p, :p], S[:, :p, p], S[:, p, p]
        inv = np.linalg.inv(Sxx)
        bcoef = np.einsum("mij,mj->mi", inv, Sxy)
        ssr = np.einsum("mi,mi->m", bcoef, Sxy)
        sse = Syy - ssr
        df = n - p - 1
        r2 = ssr / Syy
        f = (ssr / p) / (sse / df)
        diag_inv = np.einsum("mii->mi", inv)
        se = np.sqrt(sse[:, None] / df * diag_inv)
        t = bcoef / se
        diag_s = np.einsum("mii->mi", Sxx)
        vif = diag_s * diag_inv
        beta = bcoef * np.sqrt(diag_s / Syy[:, None])
        # Residuals: centred y minus centred X times B, corrected at the two moved rows.
        E = self.Zc[p][None, :] - bcoef @ self.Zc[:p]
        coef = np.where(c == p, 1.0, -np.take_along_axis(bcoef, np.minimum(c, p - 1)[:, None], 1)[:, 0])
        E[ar, a] += delta * coef
        E[ar, b] -= delta * coef
        sd = np.sqrt(sse / (n - 1))
        from scipy.special import ndtr

        F = ndtr(np.sort(E, axis=1) / sd[:, None])
        i = np.arange(1, n + 1) / n
        d = np.maximum((i - F).max(axis=1), (F - (i - 1.0 / n)).max(axis=1))
        ks = _kolmogorov_sf(d * math.sqrt(n))
        values = {"regression.R2": r2, "regression.F": f, "normality.ks_sig": ks, "vif_max": vif.max(axis=1)}
        for key in self.sd_keys:
            i = self.keys.index(key)
            values[f"sd.{key}"] = np.sqrt(S[:, i, i] / (n - 1))
        for j, key in enumerate(self.keys[:p]):
            values[f"regression.B.{key}"] = bcoef[:, j]
            values[f"t.{key}"] = t[:, j]
        if self.largest is not None:
            others = np.delete(beta, self.largest, axis=1)
            values["beta_gap"] = beta[:, self.largest] - others.max(axis=1)
        V = np.stack([values[k] for k in self.names], axis=1)
        gap = np.maximum(self.t_lo - V, 0) + np.maximum(V - self.t_hi, 0)
        loss = (np.log1p(gap / self.t_w) + gap / self.t_scale).sum(axis=1)
        loss = np.where(feasible & np.isfinite(loss), loss, np.inf)
        return loss, values

    def apply(self, c: int, a: int, b: int, step: int, *, loss: float | None = None) -> None:
        self.V[c, a] += step
        self.V[c, b] -= step
        self._refresh(loss)

    def composites(self) -> dict[str, np.ndarray]:
        return {key: self.V[i].copy() for i, key in enumerate(self.keys)}


# ---------------------------------------------------------------------------
# Stage B: items under fixed row totals -> indicator sums, alpha, item-total r
# ---------------------------------------------------------------------------
class _ItemSearch:
    """Stage B state for one free construct: an n x k item matrix with fixed row totals."""

    def __init__(self, totals: np.ndarray, groups: list[list[int]], group_sums: list[int], *,
                 alpha: Interval | None, r_lo: float, r_min_hi: float | None, smin: int, smax: int,
                 item_total: str, rng):
        self.rng = rng
        self.T = totals.astype(np.int64)
        self.n = len(totals)
        self.k = k = sum(len(g) for g in groups)
        self.smin, self.smax = smin, smax
        self.group_of = np.empty(k, dtype=np.int64)
        for g, cols in enumerate(groups):
            self.group_of[cols] = g
        self.group_sums = np.array(group_sums)
        self.group_matrix = np.eye(len(groups))[self.group_of]       # item -> indicator indicator-matrix
        self.alpha = alpha
        self.r_lo, self.r_min_hi = r_lo, r_min_hi
        self.corrected = item_total == "corrected"
        self.X = self._initial()
        self.var_T = float(((self.T - self.T.mean()) ** 2).sum())
        self._refresh()

    def _initial(self) -> np.ndarray:
        n, k = self.n, self.k
        X = np.empty((n, k), dtype=np.int64)
        for i in range(n):
            base, extra = divmod(int(self.T[i]), k)
            row = np.full(k, base)
            row[self.rng.permutation(k)[:extra]] += 1
            X[i] = row
        if X.min() < self.smin or X.max() > self.smax:
            raise ValueError("row totals outside k*min .. k*max")
        return X

    def _refresh(self, loss: float | None = None) -> None:
        X = self.X
        self.S = X.sum(axis=0).astype(float)
        self.SS = (X * X).sum(axis=0).astype(float)
        self.C = (X * self.T[:, None]).sum(axis=0).astype(float)
        if loss is None:
            zero = np.array([0])
            loss = self.evaluate(zero, np.array([1]), zero, np.array([1]), zero, null=True)[0][0]
        self.loss = float(loss)

    def propose(self, m: int):
        """Candidate moves (a, b, j, l, w): respondent a moves one point from item l to item j; with
        w = 1 respondent b moves one point back from j to l (a 2 x 2 move that keeps every item's
        sum, so the indicator sums stay met while the spread of the items changes)."""
        rng = self.rng
        a = rng.integers(0, self.n, m)
        b = (a + rng.integers(1, self.n, m)) % self.n
        j = rng.integers(0, self.k, m)
        l = (j + rng.integers(1, self.k, m)) % self.k
        w = (rng.random(m) < 0.5).astype(np.int64)
        return a, b, j, l, w

    def stats(self, S, SS, C):
        n = self.n
        var = SS - S * S / n                       # (n-1) * item variances
        cov = C - S * self.T.sum() / n             # (n-1) * cov(item, total)
        if self.corrected:
            # cov(x_j, T - x_j) and var(T - x_j), all times (n-1)
            cov_r = cov - var
            var_rest = self.var_T - 2 * cov + var
            with np.errstate(divide="ignore", invalid="ignore"):
                r = cov_r / np.sqrt(var * var_rest)
        else:
            with np.errstate(divide="ignore", invalid="ignore"):
                r = cov / np.sqrt(var * self.var_T)
        r = np.where(var > 0, r, 0.0)
        alpha = self.k / (self.k - 1) * (1.0 - var.sum(axis=-1) / self.var_T)
        return r, alpha

    def evaluate(self, a, b, j, l, w, *, null: bool = False):
        m = len(a)
        ar = np.arange(m)
        d = 0 if null else 1
        w = w * d
        xa_j, xa_l, xb_j, xb_l = self.X[a, j], self.X[a, l], self.X[b, j], self.X[b, l]
        feasible = ((xa_j + 1 <= self.smax) & (xa_l - 1 >= self.smin)
                    & ((w == 0) | ((xb_j - 1 >= self.smin) & (xb_l + 1 <= self.smax)))) | null
        S = np.broadcast_to(self.S, (m, self.k)).copy()
        SS = np.broadcast_to(self.SS, (m, self.k)).copy()
        C = np.broadcast_to(self.C, (m, self.k)).copy()
        S[ar, j] += d - w; S[ar, l] -= d - w
        SS[ar, j] += d * (2 * xa_j + 1) + w * (-2 * xb_j + 1)
        SS[ar, l] += d * (-2 * xa_l + 1) + w * (2 * xb_l + 1)
        Ta, Tb = self.T[a], self.T[b]
        C[ar, j] += d * Ta - w * Tb; C[ar, l] -= d * Ta - w * Tb
        r, alpha = self.stats(S, SS, C)
        gsum = S @ self.group_matrix
        # Each term: log1p(distance / rounding unit) near the target plus distance / natural scale,
        # which keeps a steady pull while the target is still far away.
        dev = np.abs(gsum - self.group_sums)
        loss = (np.log1p(dev) * 4.0 + dev).sum(axis=1)
        short = np.maximum(self.r_lo - r, 0)
        loss += (np.log1p(short / 0.001) + short / 0.01).sum(axis=1)
        if self.r_min_hi is not None:
            over = np.maximum(r.min(axis=1) - self.r_min_hi, 0)
            loss += np.log1p(over / 0.001) + over / 0.01
        if self.alpha is not None:
            gap = np.maximum(self.alpha.lo - alpha, 0) + np.maximum(alpha - self.alpha.hi, 0)
            loss += np.log1p(gap / 0.001) + gap / 0.01
        return np.where(feasible, loss, np.inf), r, alpha

    def apply(self, a: int, b: int, j: int, l: int, w: int, *, loss: float | None = None) -> None:
        self.X[a, j] += 1
        self.X[a, l] -= 1
        if w:
            self.X[b, j] -= 1
            self.X[b, l] += 1
        self._refresh(loss)


# ---------------------------------------------------------------------------
# The annealing driver
# ---------------------------------------------------------------------------
def _anneal(state, rng, settings: Settings, max_batches: int) -> tuple[bool, int]:
    """Seeded simulated annealing over batches of candidate moves.

    In each batch, candidates are tested in order with the Metropolis rule
    ``u < exp(-(L_new - L) / T)``; the first that passes is applied (the
    others were proposed from the same state, so this is plain sequential
    annealing with the rejected proposals evaluated in bulk).  The
    temperature falls geometrically from ``t_start`` to ``t_end`` within a
    cycle and re-heats at the start of the next.
    """
    ratio = (settings.t_end / settings.t_start) ** (1.0 / settings.cycle)
    for batch in range(1, max_batches + 1):
        if state.loss == 0.0:
            return True, batch - 1
        temp = settings.t_start * ratio ** ((batch - 1) % settings.cycle)
        cand = state.propose(settings.batch)
        out = state.evaluate(*cand)
        losses = out[0]
        u = rng.random(settings.batch)
        with np.errstate(over="ignore", invalid="ignore"):
            ok = np.flatnonzero(u < np.exp(-(losses - state.loss) / temp))
        if ok.size:
            i = ok[0]
            state.apply(*(int(x[i]) for x in cand), loss=losses[i])
    return state.loss == 0.0, max_batches


# ---------------------------------------------------------------------------
# Public entry point
# ---------------------------------------------------------------------------
def reconstruct(codebook: Codebook, reported: pd.DataFrame, *, settings: Settings | None = None) -> Reconstruction:
    """Search an item-level dataset that reproduces every printed number.

    Parameters
    ----------
    codebook : Codebook
        The instrument (constructs, indicators, items, scale, composite).
    reported : DataFrame
        From :func:`surveykit.reported.load_reported`.
    settings : Settings, optional

    Returns
    -------
    Reconstruction
        ``data`` has the respondent id column (``R001``...) and the item
        columns in codebook order, integers on the scale.

    Raises
    ------
    RuntimeError
        No dataset met every target within ``max_attempts`` restarts.
    """
    settings = settings or Settings()
    plan = plan_instrument(codebook, reported)
    rep = reported_index(reported)
    n = plan.n
    seeds = np.random.SeedSequence(settings.seed).spawn(settings.max_attempts)
    reg_targets = regression_targets(codebook, reported, n=n, margin=settings.margin)
    for c in codebook.constructs:
        if c.key not in plan.lockstep and f"alpha.{c.key}" in rep:
            cap = settings.sd_cap * max_total_sd(codebook, reported, plan, c.key)
            if codebook.composite == "mean":
                cap /= len(c.items)
            reg_targets[f"sd.{c.key}"] = Interval(f"sd.{c.key}", -math.inf, cap)
    largest = rep["regression.largest_beta"]["value"] if "regression.largest_beta" in rep else None
    free = [c for c in codebook.constructs if c.key not in plan.lockstep]
    r_entry = rep.get("validity.item_total_min")
    r_int = printed_interval("r_min", float(r_entry["value"]), int(r_entry["decimals"])).shrunk(settings.margin) \
        if r_entry is not None else None
    # The construct with the most items carries the printed minimum item-total r.
    min_holder = max(free, key=lambda c: len(c.items)).key if free else None
    log: list[str] = []
    total_a = total_b = 0
    for attempt, seq in enumerate(seeds, start=1):
        rng = np.random.default_rng(seq)
        stage_a = _TotalsSearch(codebook, plan, reg_targets, rng, settings, largest)
        ok, used = _anneal(stage_a, rng, settings, settings.max_batches_totals)
        total_a += used
        log.append(f"attempt {attempt}: construct totals {'found' if ok else 'not found'} after {used} batches")
        if not ok:
            continue
        totals = stage_a.composites()
        items: dict[str, np.ndarray] = {}
        ok_items = True
        for c in free:
            groups, gsums, pos = [], [], 0
            for ind in c.indicators:
                groups.append(list(range(pos, pos + len(ind.items))))
                gsums.append(plan.indicator_sums[ind.key])
                pos += len(ind.items)
            a_entry = rep.get(f"alpha.{c.key}")
            a_int = printed_interval(c.key, float(a_entry["value"]), int(a_entry["decimals"])).shrunk(settings.margin) \
                if a_entry is not None else None
            search = _ItemSearch(totals[c.key], groups, gsums, alpha=a_int,
                                 r_lo=r_int.lo if r_int else -1.0,
                                 r_min_hi=r_int.hi if (r_int and c.key == min_holder) else None,
                                 smin=codebook.scale.min, smax=codebook.scale.max,
                                 item_total=settings.item_total, rng=rng)
            ok_c, used = _anneal(search, rng, settings, settings.max_batches_items)
            total_b += used
            log.append(f"attempt {attempt}: items of {c.key} {'found' if ok_c else 'not found'} after {used} batches")
            if not ok_c:
                ok_items = False
                break
            items[c.key] = search.X.copy()
        if not ok_items:
            continue
        for key, lp in plan.lockstep.items():
            base = totals[key]
            items[key] = np.column_stack([base + o for o in lp.offsets])
        data = to_frame(codebook, items, n)
        return Reconstruction(data=data, plan=plan, settings=settings, attempts=attempt,
                              batches_totals=total_a, batches_items=total_b, log=tuple(log))
    raise RuntimeError("no dataset met every target; search log:\n" + "\n".join(log))


def to_frame(codebook: Codebook, items: Mapping[str, np.ndarray], n: int) -> pd.DataFrame:
    """Respondent id column ``R001``.. then the item columns in codebook order."""
    width = max(3, len(str(n)))
    columns: dict[str, Any] = {codebook.respondent_id or "respondent": [f"R{i:0{width}d}" for i in range(1, n + 1)]}
    for c in codebook.constructs:
        block = np.asarray(items[c.key])
        for j, item in enumerate(c.items):
            columns[item] = block[:, j].astype(np.int64)
    return pd.DataFrame(columns)


