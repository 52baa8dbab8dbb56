"""The grader gives no point for an answer that calls the initlib function doing the exercise:
it reads the answer cell's text (the student's process is never asked what it called)."""

from instructor.exercises import by_number
from instructor.judge import judge_exercise

PASSING = {"defined": True, "cases": []}  # no case left to fail: only the text can decide


def test_an_answer_calling_the_library_scores_zero_and_is_told_why():
    exercise = by_number("3.1")
    source = ("import initlib\n"
              f"def {exercise.function}(fan_in, fan_out, rng):\n"
              "    return initlib.initialize_parameters([fan_in, fan_out], 'he', rng=rng)['W1']\n")
    points, reason = judge_exercise(exercise, ([], 0), PASSING, 3, {}, source)
    assert points == 0
    assert "initialize_parameters" in reason and exercise.function in reason


def test_an_answer_written_with_numpy_keeps_its_points():
    exercise = by_number("3.1")
    source = (f"def {exercise.function}(fan_in, fan_out, rng):\n"
              "    return rng.standard_normal((fan_out, fan_in)) * np.sqrt(2 / fan_in)\n")
    assert judge_exercise(exercise, ([], 0), PASSING, 3, {}, source) == (exercise.points,
                                                                         "passed")
