"""List filters of the registers, a module per register area; base.RegisterFilterSet is their base."""
