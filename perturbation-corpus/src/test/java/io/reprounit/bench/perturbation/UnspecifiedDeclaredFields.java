package io.reprounit.bench.perturbation;

import io.reprounit.api.Input;
import io.reprounit.api.ReproducibleRun;
import io.reprounit.api.Step;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;

/** A CSV header made by reflection, in the order of {@code getDeclaredFields()}, which the JDK does not specify. */
@ReproducibleRun
@Case(kind = "unspecified order", culprit = "header", blamed = "unspecified_order", checks = "unspecified_order")
public class UnspecifiedDeclaredFields {

    /** A row of a sales table. */
    static final class Sale {
        long id;
        String city;
        double price;
        int quantity;
        String category;
        double discount;
    }

    @Step
    static String table() {
        return Sale.class.getName();
    }

    @Step
    static List<String> header(@Input("table") String table) throws ClassNotFoundException {
        List<String> names = new ArrayList<>();
        for (Field field : Class.forName(table).getDeclaredFields()) {
            if (!Modifier.isStatic(field.getModifiers()) && !field.isSynthetic()) {
                names.add(field.getName());
            }
        }
        return names;
    }

    @Step
    static String line(@Input("header") List<String> header) {
        return String.join(",", header);
    }
}
