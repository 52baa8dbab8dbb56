"""Signal through plain, normalized and residual stacks (initlib.architectures)."""

import numpy as np
import pytest

from initlib import initialize_parameters
from initlib.architectures import (
    input_share,
    linear_stack_matrix,
    normalize,
    rms,
    signal_through_stack,
    stack_forward,
)


def batch(n, m, seed=0):
    return np.random.default_rng(seed).standard_normal((n, m))


def test_normalize_gives_each_unit_mean_0_std_1():
    Z = batch(5, 200) * np.arange(1, 6)[:, None] + 3.0
    N = normalize(Z, eps=0)
    assert np.allclose(N.mean(axis=1), 0, atol=1e-12)
    assert np.allclose(N.std(axis=1), 1, atol=1e-12)
    assert np.array_equal(normalize(np.full((2, 4), 7.0)), np.zeros((2, 4)))
    with pytest.raises(ValueError, match="2-d"):
        normalize(np.ones(3))


def test_plain_stack_is_the_relu_loop():
    params = initialize_parameters([6, 5, 4], "he", rng=1)
    params["b1"] += 0.1
    X = batch(6, 7)
    H1 = np.maximum(params["W1"] @ X + params["b1"], 0)
    H2 = np.maximum(params["W2"] @ H1 + params["b2"], 0)
    out = stack_forward(X, params)
    assert len(out) == 3 and np.array_equal(out[1], H1) and np.array_equal(out[2], H2)
    assert np.allclose(signal_through_stack(X, params), [rms(X), rms(H1), rms(H2)])


def test_normalized_stack_does_not_care_about_the_weight_scale():
    X = batch(32, 64)
    small = initialize_parameters([32] * 21, "random", scale=0.02, rng=2)
    large = {k: v * 500 for k, v in small.items()}
    plain_small, plain_large = signal_through_stack(X, small), signal_through_stack(X, large)
    assert plain_small[-1] < 1e-20 and plain_large[-1] > 1e20
    a = signal_through_stack(X, small, normalized=True)
    b = signal_through_stack(X, large, normalized=True)
    assert np.allclose(a, b, rtol=1e-2)  # equal but for the eps added to the variance
    assert a[-1] == pytest.approx(np.sqrt(0.5), rel=0.05)


def test_residual_with_silent_branches_is_the_identity():
    X = batch(8, 10)
    params = initialize_parameters([8] * 6, "zeros")
    assert np.array_equal(stack_forward(X, params, residual=True)[-1], X)
    he = initialize_parameters([8] * 6, "he", rng=0)
    assert np.array_equal(stack_forward(X, he, residual=True, branch_scale=0.0)[-1], X)


def test_residual_growth_follows_the_variance_sum():
    n, L = 256, 20
    X = batch(n, 256, seed=3)
    he = initialize_parameters([n] * (L + 1), "he", rng=4)
    normalized = signal_through_stack(X, he, residual=True, normalized=True)[-1]
    scaled = signal_through_stack(X, he, residual=True, normalized=True, branch_scale=L**-0.5)[-1]
    assert normalized == pytest.approx(np.sqrt(rms(X) ** 2 + L), rel=0.15)
    assert scaled == pytest.approx(np.sqrt(rms(X) ** 2 + 1), rel=0.15)
    unnormalized = signal_through_stack(X, he, residual=True)[-1]
    assert 2 ** (L / 2) / 4 < unnormalized / rms(X) < 2 ** (L / 2) * 4


def test_residual_needs_square_layers():
    with pytest.raises(ValueError, match="square"):
        stack_forward(batch(4, 3), initialize_parameters([4, 5, 4], "he", rng=0), residual=True)


def test_bad_arguments_are_named():
    params = initialize_parameters([4, 4], "he", rng=0)
    with pytest.raises(ValueError, match="hidden_activation"):
        stack_forward(batch(4, 3), params, hidden_activation="gelu")
    with pytest.raises(ValueError, match="X"):
        stack_forward(batch(5, 3), params)


def test_input_share():
    same = np.tile(batch(3, 1), (1, 6))
    assert input_share(same) == pytest.approx(0, abs=1e-12)
    centred = batch(3, 50)
    centred -= centred.mean(axis=1, keepdims=True)
    assert input_share(centred) == pytest.approx(1)


def test_linear_stack_matrix_is_what_a_linear_stack_does():
    params = initialize_parameters([5, 4, 6, 3], "lecun", rng=5)
    X = batch(5, 9)
    P = linear_stack_matrix(params)
    assert P.shape == (3, 5)
    assert np.allclose(P @ X, stack_forward(X, params, hidden_activation="linear")[-1])


# --- training the stacks (initlib.stack_training) ---

from initlib import backward, forward  # noqa: E402
from initlib.stack_training import (  # noqa: E402
    stack_accuracy,
    stack_gradients,
    stack_output,
    train_stacks,
)

STACK_KINDS = [dict(), dict(normalized=True), dict(residual=True, branch_scale=0.5),
               dict(residual=True, normalized=True, branch_scale=0.7)]


@pytest.mark.parametrize("options", STACK_KINDS)
def test_stack_gradients_match_finite_differences(options):
    rng = np.random.default_rng(5)
    X, Y = rng.standard_normal((3, 9)), (rng.random((1, 9)) < 0.5).astype(int)
    params = initialize_parameters([3, 4, 4, 4, 1], "he", rng=1)
    params = {k: v + 0.1 * rng.standard_normal(v.shape) for k, v in params.items()}
    cost, grads = stack_gradients(X, Y, params, **options)
    worst = 0.0
    for key, value in params.items():
        for index in np.ndindex(value.shape):
            shifted = [{k: v.copy() for k, v in params.items()} for _ in range(2)]
            shifted[0][key][index] += 1e-6
            shifted[1][key][index] -= 1e-6
            numeric = (stack_gradients(X, Y, shifted[0], **options)[0]
                       - stack_gradients(X, Y, shifted[1], **options)[0]) / 2e-6
            worst = max(worst, abs(numeric - grads["d" + key][index]))
    assert worst < 1e-7
    assert cost > 0


def test_a_plain_stack_is_the_course_network():
    X, Y = batch(2, 20, seed=6), (batch(1, 20, seed=7) > 0).astype(int)
    params = initialize_parameters([2, 5, 5, 1], "he", rng=3)
    A, cache = forward(X, params)
    assert np.allclose(stack_output(X, params), A, rtol=1e-12)
    _, grads = stack_gradients(X, Y, params)
    reference = backward(Y, cache)
    assert all(np.allclose(grads[k], reference[k], rtol=1e-10, atol=1e-15) for k in reference)


def test_train_stacks_learns_and_trains_each_network_as_if_alone():
    X, Y = batch(2, 40, seed=8), None
    Y = (np.sum(X, axis=0, keepdims=True) > 0).astype(int)      # a linearly separable task
    nets = [initialize_parameters([2, 6, 6, 1], "he", rng=s) for s in range(3)]
    together = train_stacks(X, Y, nets, residual=True, branch_scale=0.5, learning_rate=0.1,
                            num_iterations=300, record_every=100)
    alone = train_stacks(X, Y, nets[1:2], residual=True, branch_scale=0.5, learning_rate=0.1,
                         num_iterations=300, record_every=100)[0]
    assert np.allclose(together[1].params["W2"], alone.params["W2"], rtol=1e-10)
    assert together[0].iterations == [0, 100, 200, 300] and len(together[0].costs) == 4
    for run in together:
        assert run.diverged_at is None and run.costs[-1] < run.costs[0]
        assert stack_accuracy(X, Y, run.params, residual=True, branch_scale=0.5) >= 0.9
    assert nets[0]["W1"] is not together[0].params["W1"]


def test_train_stacks_reports_divergence():
    X = batch(2, 30, seed=9)
    Y = (X[:1] > 0).astype(int)
    nets = [initialize_parameters([2, 4, 4, 4, 1], "he", rng=0)]
    run = train_stacks(X, Y, nets, learning_rate=1000.0, num_iterations=20, record_every=1)[0]
    assert run.diverged_at == 1 and run.costs[1] > 10 * run.costs[0]
    assert run.costs[-1] == run.costs[1]  # no longer updated


def test_train_stacks_names_bad_arguments():
    X, Y = batch(2, 5), np.ones((1, 5), dtype=int)
    nets = [initialize_parameters([2, 3, 3, 1], "he", rng=0)]
    with pytest.raises(TypeError, match="params_list"):
        train_stacks(X, Y, nets[0])
    with pytest.raises(ValueError, match="learning_rate"):
        train_stacks(X, Y, nets, learning_rate=-1)
    with pytest.raises(ValueError, match="W2"):
        train_stacks(X, Y, [initialize_parameters([2, 3, 4, 1], "he", rng=0)], residual=True)
    with pytest.raises(ValueError, match="shapes"):
        train_stacks(X, Y, nets + [initialize_parameters([2, 3, 4, 1], "he", rng=0)])
    with pytest.raises(ValueError, match="one unit"):
        stack_output(X, initialize_parameters([2, 3, 2], "he", rng=0))


@pytest.mark.parametrize("rate", [0.5, 50.0])
@pytest.mark.parametrize("options", STACK_KINDS + [dict(residual=True, normalized=True)])
def test_train_stacks_gives_the_bits_of_the_fresh_array_loop(options, rate):
    """The in-place loop against the loop it replaced (``benchmarks/fresh_stacks.py``: the
    same formulas with fresh arrays), at a rate that trains and one where stacks diverge."""
    import importlib.util

    from tools.notebook_format import ROOT

    spec = importlib.util.spec_from_file_location("fresh_stacks",
                                                  ROOT / "benchmarks" / "fresh_stacks.py")
    fresh = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(fresh)
    X = batch(3, 25, seed=10)
    Y = (X[:1] * X[1:2] > 0).astype(int)
    nets = [initialize_parameters([3, 5, 5, 5, 1], "he", rng=s) for s in range(3)]
    settings = dict(learning_rate=rate, num_iterations=60, record_every=7, **options)
    runs = train_stacks(X, Y, nets, **settings)
    params, costs = fresh.train_stacks_fresh(X, Y, nets, **settings)
    for k, run in enumerate(runs):
        assert all(np.array_equal(run.params[key], params[k][key], equal_nan=True)
                   for key in run.params)
        assert np.array_equal(run.costs, [c[k] for c in costs], equal_nan=True)
    if rate == 50.0 and options == {}:
        assert any(run.diverged_at is not None for run in runs)  # frozen beside live ones
