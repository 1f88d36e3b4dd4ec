#!/usr/bin/env python3
"""Baseline for bench/categorize-eval.ts: TF-IDF word + character n-grams and a LinearSVC,
the approach of beancount's smart_importer, with scikit-learn defaults (C=1, no tuning).

Usage: baseline_svm.py MANIFEST.json
The manifest lists runs: {"runs": [{"train": "a.csv", "test": "b.csv", "out": "c.json"}]}.
Each CSV has a header with `text` and `category`. For every run the script writes the list of
predicted categories (one per test row, in order) to `out`, and prints one JSON line with the
library versions and scikit-learn's own accuracy / macro-F1 of each run (the TypeScript side
re-scores the same predictions and checks they agree).
"""
import csv
import json
import sys


def read(path):
    with open(path, newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    return [r["text"] for r in rows], [r["category"] for r in rows]


def model():
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.pipeline import FeatureUnion, Pipeline
    from sklearn.svm import LinearSVC

    features = FeatureUnion([
        ("word", TfidfVectorizer(analyzer="word", ngram_range=(1, 2), sublinear_tf=True, strip_accents="unicode")),
        ("char", TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 5), sublinear_tf=True, strip_accents="unicode")),
    ])
    return Pipeline([("features", features), ("svc", LinearSVC(C=1.0))])


def main():
    import sklearn
    from sklearn.metrics import accuracy_score, f1_score

    with open(sys.argv[1], encoding="utf-8") as f:
        manifest = json.load(f)
    scores = []
    for run in manifest["runs"]:
        x_train, y_train = read(run["train"])
        x_test, y_test = read(run["test"])
        if len(set(y_train)) < 2:
            predicted = [y_train[0] if y_train else ""] * len(x_test)
        else:
            predicted = list(model().fit(x_train, y_train).predict(x_test))
        with open(run["out"], "w", encoding="utf-8") as f:
            json.dump([str(p) for p in predicted], f)
        scores.append({
            "accuracy": accuracy_score(y_test, predicted),
            "macro_f1": f1_score(y_test, predicted, average="macro", zero_division=0),
        })
    print(json.dumps({"sklearn": sklearn.__version__, "python": sys.version.split()[0], "runs": scores}))


if __name__ == "__main__":
    main()
