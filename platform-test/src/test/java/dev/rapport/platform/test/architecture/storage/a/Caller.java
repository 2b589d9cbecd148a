package dev.rapport.platform.test.architecture.storage.a;

import dev.rapport.platform.test.architecture.storage.b.ThingRepository;

public class Caller {

	ThingRepository things;

}
