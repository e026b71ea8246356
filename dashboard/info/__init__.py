"""Tietolähteet and the accessibility statement: catalogue, inputs, attributions, build history."""
