"""Create and edit forms of the registers, a module per register area; base.RegisterForm is their base."""
