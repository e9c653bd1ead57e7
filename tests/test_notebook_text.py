"""Sentences the notebooks compose: a finding of the reconstruction says so in the sentence."""

from __future__ import annotations

from pathlib import Path

from surveykit import notebook
from surveykit.codebook import load_codebook

ROOT = Path(__file__).resolve().parents[1]


def test_reconstruction_only_marks_the_sentence_on_reconstructed_data_only():
    study = load_codebook(ROOT / "data" / "codebook.yml")
    example = load_codebook(ROOT / "data" / "examples" / "teacher_performance" / "codebook.yml")
    assert study.data_status == "reconstructed" and example.data_status != "reconstructed"
    sentence = "Training has the largest Beta."
    assert notebook.reconstruction_only(study, sentence) == "In this reconstruction, training has the largest Beta."
    assert notebook.reconstruction_only(example, sentence) == sentence
    assert notebook.reconstruction_only(study, "") == ""
    assert notebook.reconstruction_only(study, "QWL is largest.") == "In this reconstruction, QWL is largest."
    assert notebook.reconstruction_only(study, "39 of 56 items.") == "In this reconstruction, 39 of 56 items."
