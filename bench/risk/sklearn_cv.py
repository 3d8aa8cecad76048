"""scikit-learn side of `npm run bench:risk`.

Reads one JSON object on stdin: {"X": [[...], ...], "y": [0/1, ...], "fold": [0..k-1, ...],
"models": ["gbc", "hgb", "logistic"], "seed": int}, trains each model on the SAME folds the TypeScript
side uses (the fold of each row is given, never re-drawn here), and writes one JSON object on stdout with,
per model and fold, ROC-AUC, average precision, Brier score and the training time (wall and CPU seconds).
Before the measured folds each model is fitted once on fold 0 unmeasured (imports, lazy initialization).
Run with Debian's /usr/bin/python3 (python3-sklearn); missing NaN support is not an issue (no NaN sent).
"""
import json
import sys
import time

import numpy as np
import sklearn
from sklearn.ensemble import GradientBoostingClassifier, HistGradientBoostingClassifier
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import average_precision_score, brier_score_loss, roc_auc_score
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler


def make(name, seed):
    if name == "gbc":
        return GradientBoostingClassifier(random_state=seed)
    if name == "hgb":
        return HistGradientBoostingClassifier(random_state=seed)
    if name == "logistic":
        return make_pipeline(StandardScaler(), LogisticRegression(max_iter=1000))
    raise ValueError(name)


def main():
    req = json.load(sys.stdin)
    X = np.asarray(req["X"], dtype=np.float64)
    y = np.asarray(req["y"], dtype=np.int64)
    fold = np.asarray(req["fold"], dtype=np.int64)
    seed = int(req.get("seed", 0))
    k = int(fold.max()) + 1
    out = {"sklearn": sklearn.__version__, "numpy": np.__version__, "python": sys.version.split()[0], "models": {}}
    for name in req["models"]:
        make(name, seed).fit(X[fold != 0], y[fold != 0])  # warm-up, unmeasured
        folds = []
        for f in range(k):
            tr, te = fold != f, fold == f
            model = make(name, seed)
            w0, c0 = time.perf_counter(), time.process_time()
            model.fit(X[tr], y[tr])
            wall, cpu = time.perf_counter() - w0, time.process_time() - c0
            p = model.predict_proba(X[te])[:, 1]
            folds.append(
                {
                    "roc_auc": roc_auc_score(y[te], p),
                    "pr_auc": average_precision_score(y[te], p),
                    "brier": brier_score_loss(y[te], p),
                    "train_wall_s": wall,
                    "train_cpu_s": cpu,
                }
            )
        out["models"][name] = folds
    json.dump(out, sys.stdout)


if __name__ == "__main__":
    main()
