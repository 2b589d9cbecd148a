package dev.rapport.platform.test.architecture.fine.b;

import dev.rapport.platform.test.architecture.fine.b.internal.ThingRepository;

public class Things {

	ThingRepository repository;

}
