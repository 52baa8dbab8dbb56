"""Instructor-only tools: the grader, the exercises' further cases, the nbgrader configuration.

Nothing here is installed with ``initlib`` or handed to students.
"""
