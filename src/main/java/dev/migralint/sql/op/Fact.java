package dev.migralint.sql.op;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** Documents a record component as a fact rules can match on. The fact's name is the component name in kebab-case. */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.RECORD_COMPONENT, ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER})
public @interface Fact {
    String value();

    /** Overrides the derived fact name. */
    String name() default "";
}
