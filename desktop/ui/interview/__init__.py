"""The interview screen: pages built from the form model, a widget per question type."""
