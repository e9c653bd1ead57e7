"""Seeded synthetic Likert questionnaires, to exercise the pipeline on other instruments.

The responses are SYNTHETIC: generated from a simple latent-variable model,
they describe no real respondents.  They serve the example study under
``data/examples/`` and tests that the compendium is not tied to the four
constructs of the paper.

Model: each predictor construct has a standard-normal latent score
(pairwise correlation ``predictor_correlation``); the dependent latent score
is ``sum(effect * predictor) + noise`` scaled to unit variance; an item is
``round(center + spread * (loading * latent + sqrt(1 - loading^2) * noise))``
clipped to the scale.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd

from .codebook import Codebook

__all__ = ["simulate_likert", "as_text_answers"]


def simulate_likert(
    codebook: Codebook,
    n: int,
    *,
    seed: int,
    effects: Mapping[str, float] | None = None,
    predictor_correlation: float = 0.3,
    loading: float = 0.75,
    center: float = 3.6,
    spread: float = 0.9,
) -> pd.DataFrame:
    """Item responses for ``n`` synthetic respondents of the codebook's instrument.

    Parameters
    ----------
    codebook : Codebook
    n : int
        Number of respondents (at least 2).
    seed : int
        Seed of numpy's PCG64 generator: the same seed gives the same data.
    effects : mapping, optional
        Predictor key -> standardised effect on the dependent latent score
        (default 0.3 each).
    predictor_correlation : float, default 0.3
    loading : float, default 0.75
        Correlation of each item with its construct's latent score, in (0, 1].
    center, spread : float
        Location and scale of the answers before rounding.

    Returns
    -------
    DataFrame
        Respondent id column (``codebook.respondent_id`` or "respondent",
        values ``S001``...) and the item columns as integers.
    """
    if n < 2:
        raise ValueError(f"n must be at least 2, got {n}")
    if not 0 < loading <= 1:
        raise ValueError(f"loading must lie in (0, 1], got {loading}")
    predictors = [c.key for c in codebook.predictors]
    k = len(predictors)
    if not -1 / max(k - 1, 1) < predictor_correlation < 1:
        raise ValueError(f"predictor_correlation {predictor_correlation} gives no valid correlation matrix")
    effects = dict(effects or {key: 0.3 for key in predictors})
    unknown = sorted(set(effects) - set(predictors))
    if unknown:
        raise ValueError(f"effects name constructs that are not predictors: {unknown}")
    rng = np.random.default_rng(seed)
    correlation = np.full((k, k), predictor_correlation) + np.eye(k) * (1 - predictor_correlation)
    latent_x = rng.multivariate_normal(np.zeros(k), correlation, size=n, method="cholesky")
    beta = np.array([effects.get(key, 0.0) for key in predictors])
    explained = float(beta @ correlation @ beta)
    if explained >= 1:
        raise ValueError(f"the effects explain {explained:.2f} >= 1 of the dependent variance")
    latent_y = latent_x @ beta + rng.normal(0.0, np.sqrt(1 - explained), size=n)
    latent = {key: latent_x[:, j] for j, key in enumerate(predictors)} | {codebook.dependent.key: latent_y}
    low, high = codebook.scale.min, codebook.scale.max
    data = {codebook.respondent_id or "respondent": [f"S{i:03d}" for i in range(1, n + 1)]}
    for construct in codebook.constructs:
        for item in construct.items:
            noise = rng.normal(size=n)
            raw = center + spread * (loading * latent[construct.key] + np.sqrt(1 - loading ** 2) * noise)
            values = np.clip(np.rint(raw), low, high).astype(np.int64)
            if item in codebook.reverse_keyed:
                values = low + high - values
            data[item] = values
    return pd.DataFrame(data)


def as_text_answers(data: pd.DataFrame, codebook: Codebook, *, form: str = "id") -> pd.DataFrame:
    """The item answers written as the scale's labels (``form``: "id", "en" or "code"), as a form export has them."""
    if form not in ("id", "en", "code"):
        raise ValueError(f"form must be 'id', 'en' or 'code', not {form!r}")
    texts = {label.value: getattr(label, form) for label in codebook.scale.labels}
    missing = sorted(set(range(codebook.scale.min, codebook.scale.max + 1)) - set(texts))
    if missing:
        raise ValueError(f"the codebook's scale has no label for value(s) {missing}")
    out = data.copy()
    for item in codebook.items:
        out[item] = out[item].map(texts).astype(object)
    return out
