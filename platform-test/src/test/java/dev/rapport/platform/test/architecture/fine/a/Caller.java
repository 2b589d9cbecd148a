package dev.rapport.platform.test.architecture.fine.a;

import dev.rapport.platform.test.architecture.fine.b.Things;

public class Caller {

	Things things;

}
