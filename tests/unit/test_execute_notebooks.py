"""``make notebooks``: only changed notebooks run, and an unchanged one stays byte-identical."""

import nbformat

from tools.execute_notebooks import execute, fingerprint, merged_streams, without_noise


def stream(text, name="stdout"):
    return nbformat.v4.new_output("stream", name=name, text=text)


def test_consecutive_streams_of_one_name_are_joined():
    outputs = [stream("a\n"), stream("b\n"), stream("!\n", "stderr"), stream("c\n")]
    assert [(o["name"], o["text"]) for o in merged_streams(outputs)] == [
        ("stdout", "a\nb\n"), ("stderr", "!\n"), ("stdout", "c\n")]


def test_widget_ids_are_noise_but_values_are_not():
    def notebook(model_id, text):
        cell = nbformat.v4.new_code_cell("w", id="cell")
        cell.outputs = [nbformat.v4.new_output(
            "display_data", data={"application/vnd.jupyter.widget-view+json":
                                  {"model_id": model_id, "version_major": 2},
                                  "text/plain": text})]
        return nbformat.v4.new_notebook(cells=[cell])

    assert without_noise(notebook("abc", "x")) == without_noise(notebook("def", "x"))
    assert without_noise(notebook("abc", "x")) != without_noise(notebook("abc", "y"))


def test_fingerprint_follows_the_sources_only():
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("print(1)")])
    before = fingerprint(nb)
    nb.cells[0].outputs = [stream("1\n")]
    assert fingerprint(nb) == before
    nb.cells[0].source = "print(2)"
    assert fingerprint(nb) != before


def test_a_notebook_runs_once_then_is_left_alone(tmp_path):
    path = tmp_path / "tiny.ipynb"
    nbformat.write(nbformat.v4.new_notebook(cells=[
        nbformat.v4.new_code_cell("for k in range(3):\n    print(k, flush=True)")]), path)
    assert execute(path) is not None
    ran = nbformat.read(path, as_version=4)
    assert ran.cells[0].outputs[0]["text"] == "0\n1\n2\n"
    written = path.read_bytes()
    assert execute(path) is None  # sources unchanged: not run
    assert execute(path, force=True) is not None  # run, same outputs: file untouched
    assert path.read_bytes() == written
    ran.cells[0].source = "print('changed')"
    nbformat.write(ran, path)
    assert execute(path) is not None
    assert nbformat.read(path, as_version=4).cells[0].outputs[0]["text"] == "changed\n"
