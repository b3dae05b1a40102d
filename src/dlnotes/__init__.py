"""dlnotes: small NumPy reference implementations of the fundamentals of deep learning.

One module per chapter of the site; import what you need, e.g.
``from dlnotes.information import kl_divergence``.
"""

__version__ = "0.1.0"
