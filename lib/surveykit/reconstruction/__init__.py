"""Reconstruct an item-level Likert dataset from the numbers a paper prints.

The raw data of the study were never published.  This module searches for
one integer response matrix (respondents x items, values on the codebook's
scale) from which the compendium's SPSS-exact functions reproduce every
printed number within the paper's rounding (half away from zero).  The
result is a *stand-in* that reproduces the published summary; it is not the
authors' data.

Method
------
The printed targets are joint and multivariate, so the search is split in
two stages that are exact, not approximate:

1. **Construct totals** (stage A).  The regression of the dependent
   composite on the predictor composites, its F, R², B, t and Sig., the
   collinearity diagnostics and the K-S test of its residuals depend on the
   items *only through the construct totals*.  Stage A searches, for every
   construct, one integer vector of 56 totals (or, for a construct whose
   items move in lockstep, one base item) with the planned grand sum.
2. **Items** (stage B).  Given a construct's row totals ``T``, its
   Cronbach's alpha depends only on the sum of the item variances
   (``alpha = k/(k-1) (1 - sum s_j^2 / s_T^2)`` with ``s_T^2`` fixed), and each
   item-total r only on the item's sum, sum of squares and cross-product with
   ``T``.  Stage B fills each construct's items under its row totals, moving
   one point between two items of the same respondent (row totals stay
   fixed), or in a 2 x 2 exchange between two respondents that also keeps
   every item's sum, until the indicator sums, alpha and every item-total r
   sit in their intervals.

Both stages are seeded simulated annealing over integer moves that keep the
relevant sums fixed (stage A: one to three points moved between two
respondents, or their values swapped).  A batch of candidate moves is
evaluated at once with numpy from incrementally updated cross-products
(``X'X`` for the regression; item sums, sums of squares and cross-products
with the total for the items), so a candidate costs O(p) or O(k) plus one
residual vector for the K-S test, not a refit.  The loss is, summed over
targets, ``log1p(d / u) + d / s`` with d the distance to the target's
rounding interval, u its width (a coarser unit for F, whose window is ~200
times narrower than R²'s) and s a natural scale that keeps a pull on
targets still far away.  The search stops when the loss is zero, i.e. every
target sits inside its interval (shrunk by a small safety margin so that
independent implementations agree).  A stage A that stalls, or whose totals
admit no item matrix within the budget, restarts from the next seed of a
:class:`numpy.random.SeedSequence`.

What the printed numbers imply about the instrument (the plan)
--------------------------------------------------------------
* A construct with alpha 1.000 and item-total r 1.000 has items that move in
  lockstep: copies of one base item, possibly plus a constant offset.  The
  smallest offsets that reproduce the printed mean are found by GRIM
  (:func:`lockstep_offsets`): training (3.14) needs none, performance
  (4.12) needs one item that is always one point higher.
* An indicator's printed mean fixes its item sum (``n * k * mean`` rounded
  into the interval); indicators without a printed mean share the rest of
  the construct's planned total as evenly as possible
  (:func:`plan_instrument`).

Modules
-------
``plan``          what the printed numbers imply about the instrument
``search``        the two annealing stages and :func:`reconstruct`
``targets``       the printed targets, recomputed with the analysis functions (:func:`surveykit.reported.recompute`)
``implications``  notebook 00's derivations from the printed numbers alone
``record``        the record written beside the CSV (``reconstruction.yml``)
``__main__``      ``python -m surveykit.reconstruction``: write the CSV and its record
"""

from ..audit.means import grim_sums
from .implications import (
                           composite_bounds,
                           equal_variance_corrected_r,
                           extreme_sd,
                           indicator_grim,
                           lockstep_length_bound,
                           max_total_sd,
                           printed_indicator_average,
)
from .plan import Interval, LockstepPlan, Plan, lockstep_offsets, plan_instrument, printed_interval
from .search import Reconstruction, Settings, reconstruct, regression_targets, to_frame
from .targets import TARGETS, target_table

__all__ = [
    "Interval",
    "LockstepPlan",
    "Plan",
    "Settings",
    "Reconstruction",
    "grim_sums",
    "lockstep_offsets",
    "plan_instrument",
    "regression_targets",
    "reconstruct",
    "to_frame",
    "TARGETS",
    "target_table",
    "extreme_sd",
    "indicator_grim",
    "printed_indicator_average",
    "equal_variance_corrected_r",
    "composite_bounds",
    "lockstep_length_bound",
    "max_total_sd",
    "printed_interval",
]
