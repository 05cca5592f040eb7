"""Writes the .npy fixtures of NpyFilesTest with NumPy (run: python3 make_fixtures.py).

The tests read the committed files and do not need Python.
"""
import numpy as np

np.save("f32_2x3.npy", np.array([[1.5, -2, 3], [0.25, 1e-3, -7]], dtype="<f4"))
np.save("f64_2x2x2.npy", np.arange(8, dtype="<f8").reshape(2, 2, 2) / 3)
np.save("f64_scalar.npy", np.array(2.5))
np.save("f32_1d.npy", np.array([1, 2, 3], dtype="<f4"))
np.save("fortran_2x3.npy", np.asfortranarray(np.arange(6, dtype="<f4").reshape(2, 3)))
np.save("i64_4.npy", np.arange(4, dtype="<i8"))
np.save("big_endian_f4.npy", np.arange(2, dtype=">f4"))
with open("v2_f32_1x2.npy", "wb") as f:
    np.lib.format.write_array(f, np.array([[0.5, 1]], dtype="<f4"), version=(2, 0))
