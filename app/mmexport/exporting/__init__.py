"""Turning a selection of chats into the archive folder: plan, engine, archive layout, writers."""
