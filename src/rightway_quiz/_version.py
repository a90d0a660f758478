"""The one version of the package: read by setuptools, the extension and the tool."""

__version__ = "0.1.0"
