package io.haprovision.lab.routeros;

import io.haprovision.error.TargetException;
import io.haprovision.lab.routeros.Ast.Arg;
import io.haprovision.lab.routeros.Ast.Binary;
import io.haprovision.lab.routeros.Ast.Block;
import io.haprovision.lab.routeros.Ast.Code;
import io.haprovision.lab.routeros.Ast.ContextChange;
import io.haprovision.lab.routeros.Ast.Expr;
import io.haprovision.lab.routeros.Ast.Ice;
import io.haprovision.lab.routeros.Ast.MenuCommand;
import io.haprovision.lab.routeros.Ast.Not;
import io.haprovision.lab.routeros.Ast.Stmt;
import io.haprovision.lab.routeros.Ast.Str;
import io.haprovision.lab.routeros.Ast.Sub;
import io.haprovision.lab.routeros.Ast.Var;
import io.haprovision.lab.routeros.Ast.Word;
import io.haprovision.lab.routeros.Values.Id;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.regex.Pattern;

/**
 * Runs parsed RouterOS scripts on one simulated router. One instance per script run: it
 * holds the run's output, local variables and origin (for the command log). Runtime errors
 * are {@link TargetException}s made by {@link RosError}; they stop the script at the failing
 * command unless a {@code :do ... on-error=} catches them. A session dropped by fault
 * injection ends the run with a {@link CancellationException}, which nothing in a script catches.
 */
final class Interpreter {
  private static final int MAX_LOOPS = 100_000;

  private final SimulatedRouter router;
  private final RouterState state;
  private final String origin;
  private final boolean fromSsh;
  private final StringBuilder out = new StringBuilder();
  private final Deque<Map<String, Object>> scopes = new ArrayDeque<>();

  Interpreter(SimulatedRouter router, String origin, boolean fromSsh) {
    this.router = router;
    this.state = router.state();
    this.origin = origin;
    this.fromSsh = fromSsh;
  }

  /** The output so far. */
  String output() {
    return out.toString();
  }

  /**
   * Parses and runs {@code script}; returns the output, with a syntax or runtime error as its
   * last line. A syntax error anywhere runs nothing.
   */
  String run(String script) {
    List<Stmt> body;
    try {
      body = ScriptParser.parse(script, state.schema, "/");
    } catch (TargetException e) {
      out.append(RosError.message(e)).append('\n');
      return output();
    }
    try {
      block(body);
    } catch (TargetException e) {
      out.append(RosError.message(e)).append('\n');
    } catch (CancellationException e) {
      throw e;
    } catch (RuntimeException e) {
      // a gap in the simulator, not a RouterOS error: say so in the output instead of killing the session
      String message = "failure: the RouterOS simulator cannot run this (" + e + ")";
      router.record(origin, "# " + message);
      out.append(message).append('\n');
    }
    return output();
  }

  // ------------------------------------------------------------------ statements

  private Object block(List<Stmt> body) {
    scopes.push(new HashMap<>());
    try {
      Object last = null;
      for (Stmt stmt : body) {
        last = statement(stmt, true);
      }
      return last;
    } finally {
      scopes.pop();
    }
  }

  private Object statement(Stmt stmt, boolean logged) {
    if (logged && !(stmt instanceof Block) && !(stmt instanceof ContextChange)) {
      if (fromSsh && router.takeDropMatch(stmt.text())) {
        router.record(origin, stmt.text() + "  <session dropped>");
        throw new CancellationException("session dropped before: " + stmt.text());
      }
      router.record(origin, stmt.text());
    }
    Object result;
    if (stmt instanceof Block b) {
      result = block(b.body());
    } else if (stmt instanceof Ice ice) {
      result = ice(ice);
    } else if (stmt instanceof MenuCommand command) {
      result = menuCommand(command, !logged);
    } else {
      result = null; // a context change only matters to the parser
    }
    if (logged && stmt instanceof MenuCommand command && changes(command.command())) {
      router.afterChange();
    }
    return result;
  }

  private static boolean changes(String command) {
    return switch (command) {
      case "print", "find", "get", "export" -> false;
      default -> true;
    };
  }

  // ------------------------------------------------------------------ scripting commands

  private Object ice(Ice ice) {
    List<Expr> positional = new ArrayList<>();
    Map<String, Expr> named = new LinkedHashMap<>();
    for (Arg arg : ice.args()) {
      if (arg.name() == null) {
        positional.add(arg.value());
      } else {
        named.put(arg.name(), arg.value());
      }
    }
    switch (ice.command()) {
      case "put" -> {
        out.append(positional.isEmpty() ? "" : Values.str(eval(positional.get(0)))).append('\n');
        return null;
      }
      case "log" -> {
        String topic = ((Word) positional.get(0)).text();
        router.logMessage(topic, positional.size() > 1 ? Values.str(eval(positional.get(1))) : "");
        return null;
      }
      case "local", "global", "set" -> {
        if (positional.isEmpty()) {
          throw RosError.runtime("expected variable name");
        }
        String name = variableName(positional.get(0));
        Object value = positional.size() > 1 ? eval(positional.get(1)) : null;
        if (ice.command().equals("local")) {
          scopes.peek().put(name, value);
        } else if (ice.command().equals("global")) {
          if (value != null || !state.globals.containsKey(name)) {
            state.globals.put(name, value);
          }
        } else {
          assign(name, value);
        }
        return null;
      }
      case "delay" -> {
        // Simulated time does not pass inside a script; the delay is recorded in the log only.
        return null;
      }
      case "if" -> {
        if (truthy(eval(positional.get(0)))) {
          return runCode(named.get("do"));
        } else if (named.containsKey("else")) {
          return runCode(named.get("else"));
        }
        return null;
      }
      case "while" -> {
        int loops = 0;
        while (truthy(eval(positional.get(0)))) {
          runCode(named.get("do"));
          if (++loops > MAX_LOOPS) {
            throw RosError.runtime("failure: loop ran " + MAX_LOOPS + " times (simulator limit)");
          }
        }
        return null;
      }
      case "do" -> {
        Expr body = positional.isEmpty() ? named.get("do") : positional.get(0);
        if (named.containsKey("while")) {
          int loops = 0;
          do {
            runCode(body);
            if (++loops > MAX_LOOPS) {
              throw RosError.runtime("failure: loop ran " + MAX_LOOPS + " times (simulator limit)");
            }
          } while (truthy(eval(named.get("while"))));
          return null;
        }
        if (!named.containsKey("on-error")) {
          return runCode(body);
        }
        try {
          return runCode(body);
        } catch (TargetException e) {
          return runCode(named.get("on-error"));
        }
      }
      case "for" -> {
        String name = variableName(positional.get(0));
        long from = number(eval(named.get("from")));
        long to = number(eval(named.get("to")));
        long step = named.containsKey("step") ? number(eval(named.get("step"))) : (from <= to ? 1 : -1);
        for (long v = from; step > 0 ? v <= to : v >= to; v += step) {
          scopes.push(new HashMap<>(Map.of(name, v)));
          try {
            runCode(named.get("do"));
          } finally {
            scopes.pop();
          }
        }
        return null;
      }
      case "foreach" -> {
        String name = variableName(positional.get(0));
        Object in = eval(named.get("in"));
        List<?> items = in instanceof List<?> list ? list : in == null ? List.of() : List.of(in);
        for (Object item : items) {
          Map<String, Object> scope = new HashMap<>();
          scope.put(name, item);
          scopes.push(scope);
          try {
            runCode(named.get("do"));
          } finally {
            scopes.pop();
          }
        }
        return null;
      }
      case "len" -> {
        Object v = positional.isEmpty() ? null : eval(positional.get(0));
        return (long) (v == null ? 0 : v instanceof List<?> l ? l.size() : Values.str(v).length());
      }
      case "tostr" -> {
        return Values.str(positional.isEmpty() ? null : eval(positional.get(0)));
      }
      case "tonum" -> {
        return Values.num(positional.isEmpty() ? null : eval(positional.get(0)));
      }
      case "tobool" -> {
        return truthy(positional.isEmpty() ? null : eval(positional.get(0)));
      }
      case "toarray" -> {
        Object v = positional.isEmpty() ? null : eval(positional.get(0));
        if (v instanceof List<?>) {
          return v;
        }
        String text = Values.str(v);
        return text.isEmpty() ? List.of() : new ArrayList<Object>(Arrays.asList((Object[]) text.split(",")));
      }
      case "typeof" -> {
        Object v = positional.isEmpty() ? null : eval(positional.get(0));
        return v == null ? "nothing" : v instanceof Long ? "num" : v instanceof Boolean ? "bool"
            : v instanceof List<?> ? "array" : v instanceof Id ? "id" : v instanceof Code ? "code" : "str";
      }
      case "pick" -> {
        Object v = eval(positional.get(0));
        int start = (int) number(eval(positional.get(1)));
        if (v instanceof List<?> list) {
          int end = positional.size() > 2 ? (int) number(eval(positional.get(2))) : start + 1;
          List<?> picked = list.subList(Math.min(start, list.size()), Math.min(end, list.size()));
          return picked.size() == 1 && positional.size() <= 2 ? picked.get(0) : new ArrayList<>(picked);
        }
        String text = Values.str(v);
        int end = positional.size() > 2 ? (int) number(eval(positional.get(2))) : start + 1;
        return text.substring(Math.min(start, text.length()), Math.min(Math.max(start, end), text.length()));
      }
      case "find" -> {
        // :find TEXT PART [START]: the position of PART in TEXT at or after START; nothing when absent.
        String text = Values.str(eval(positional.get(0)));
        String part = Values.str(eval(positional.get(1)));
        int from = positional.size() > 2 ? (int) number(eval(positional.get(2))) : 0;
        int at = text.indexOf(part, Math.max(0, from));
        return at < 0 ? null : (Object) (long) at;
      }
      case "execute" -> {
        // RouterOS runs the script as a background job; its errors never reach the caller. The
        // simulator runs it at once (no job list), which is all the hooks that use it rely on.
        try {
          runCode(positional.get(0));
        } catch (TargetException e) {
          router.logMessage("error", "execute: " + e.getMessage());
        }
        return null;
      }
      case "error" -> throw RosError.runtime(positional.isEmpty() ? "" : Values.str(eval(positional.get(0))));
      case "return" -> {
        return positional.isEmpty() ? null : eval(positional.get(0));
      }
      case "nothing" -> {
        return null;
      }
      default -> throw RosError.runtime("bad command name " + ice.command());
    }
  }

  private Object runCode(Expr code) {
    if (code == null) {
      return null;
    }
    if (code instanceof Code c) {
      return block(c.body());
    }
    // a string given as code ("do=\"...\"") is parsed when it runs
    return block(ScriptParser.parse(Values.str(eval(code)), state.schema, "/"));
  }

  private static String variableName(Expr expr) {
    if (expr instanceof Word w) {
      return w.text();
    }
    if (expr instanceof Var v) {
      return v.name();
    }
    if (expr instanceof Str s && s.parts().size() == 1 && s.parts().get(0) instanceof String text) {
      return text;
    }
    throw RosError.runtime("expected variable name");
  }

  private void assign(String name, Object value) {
    for (Map<String, Object> scope : scopes) {
      if (scope.containsKey(name)) {
        scope.put(name, value);
        return;
      }
    }
    if (state.globals.containsKey(name)) {
      state.globals.put(name, value);
      return;
    }
    scopes.peek().put(name, value);
  }

  private Object lookup(String name) {
    for (Map<String, Object> scope : scopes) {
      if (scope.containsKey(name)) {
        return scope.get(name);
      }
    }
    return state.globals.get(name);
  }

  // ------------------------------------------------------------------ expressions

  private Object eval(Expr expr) {
    return eval(expr, null);
  }

  /** Evaluates {@code expr}; inside a where condition, bare property names read {@code entry}. */
  private Object eval(Expr expr, Entry entry) {
    if (expr instanceof Word w) {
      return word(w.text(), entry);
    }
    if (expr instanceof Str s) {
      StringBuilder sb = new StringBuilder();
      for (Object part : s.parts()) {
        sb.append(part instanceof String text ? text : Values.str(eval((Expr) part, entry)));
      }
      return sb.toString();
    }
    if (expr instanceof Var v) {
      return lookup(v.name());
    }
    if (expr instanceof Sub sub) {
      return statement(sub.command(), false);
    }
    if (expr instanceof Not n) {
      return !truthy(eval(n.operand(), entry));
    }
    if (expr instanceof Binary b) {
      return binary(b, entry);
    }
    return expr; // code: run by :if, :while, :do
  }

  private Object word(String text, Entry entry) {
    if (entry != null) {
      if (text.equals(".id")) {
        return new Id(entry.id);
      }
      if (entry.menu.prop(text).isPresent() || interfaceView(entry, text) != null) {
        String value = interfaceView(entry, text);
        return value != null ? value : entry.get(text);
      }
    }
    if (text.matches("-?[0-9]+")) {
      try {
        return Long.parseLong(text);
      } catch (NumberFormatException e) {
        return text;
      }
    }
    if (text.equals("true")) {
      return Boolean.TRUE;
    }
    if (text.equals("false")) {
      return Boolean.FALSE;
    }
    return text;
  }

  /** Properties the generic {@code /interface} menu adds to every interface ({@code type}, {@code running}). */
  private String interfaceView(Entry entry, String property) {
    if (entry.menu.interfaceKind() == null) {
      return null;
    }
    return switch (property) {
      case "type" -> entry.menu.interfaceKind();
      case "running" -> router.running(entry) ? "true" : "false";
      default -> null;
    };
  }

  private Object binary(Binary b, Entry entry) {
    String op = b.op();
    if (op.equals("&&")) {
      return truthy(eval(b.left(), entry)) && truthy(eval(b.right(), entry));
    }
    if (op.equals("||")) {
      return truthy(eval(b.left(), entry)) || truthy(eval(b.right(), entry));
    }
    Object left = eval(b.left(), entry);
    Object right = eval(b.right(), entry);
    Long ln = Values.num(left);
    Long rn = Values.num(right);
    switch (op) {
      case "+", "-", "*", "/" -> {
        if (ln == null || rn == null) {
          throw RosError.runtime("failure: cannot apply " + op + " to " + Values.str(left) + " and " + Values.str(right));
        }
        return switch (op) {
          case "+" -> ln + rn;
          case "-" -> ln - rn;
          case "*" -> ln * rn;
          default -> {
            if (rn == 0) {
              throw RosError.runtime("failure: division by zero");
            }
            yield ln / rn;
          }
        };
      }
      case "." -> {
        return Values.str(left) + Values.str(right);
      }
      case "~" -> {
        return Pattern.compile(Values.str(right)).matcher(Values.str(left)).find();
      }
      default -> { }
    }
    int cmp;
    long lt = timeValue(left);
    long rt = timeValue(right);
    if (ln != null && rn != null) {
      cmp = Long.compare(ln, rn);
    } else if (lt >= 0 && rt >= 0) {
      // Times compare by length, as RouterOS's time type does ([/system resource get uptime] > 00:05:00).
      cmp = Long.compare(lt, rt);
    } else {
      String ls = boolText(left);
      String rs = boolText(right);
      if (op.equals("=") || op.equals("!=")) {
        boolean equal = ls.equals(rs);
        return op.equals("=") == equal;
      }
      cmp = ls.compareTo(rs);
    }
    return switch (op) {
      case "=" -> cmp == 0;
      case "!=" -> cmp != 0;
      case "<" -> cmp < 0;
      case ">" -> cmp > 0;
      case "<=" -> cmp <= 0;
      case ">=" -> cmp >= 0;
      default -> throw RosError.runtime("syntax error");
    };
  }

  /** Milliseconds of a value written as a RouterOS time with a unit or a clock ({@code 5m3s}, {@code 00:05:00}), else -1. */
  private static long timeValue(Object value) {
    String text = Values.str(value);
    return TIME_LIKE.matcher(text).find() ? Values.millis(text) : -1;
  }

  /** A unit letter or a clock colon: what tells a time from a plain number. */
  private static final Pattern TIME_LIKE = Pattern.compile("[a-z:]");

  /** Booleans compare equal to RouterOS's yes/no property values. */
  private static String boolText(Object value) {
    String text = Values.str(value);
    return switch (text) {
      case "true", "yes" -> "yes";
      case "false", "no" -> "no";
      default -> text;
    };
  }

  static boolean truthy(Object value) {
    if (value instanceof Boolean b) {
      return b;
    }
    String text = Values.str(value);
    return text.equals("true") || text.equals("yes");
  }

  private static long number(Object value) {
    Long n = Values.num(value);
    if (n == null) {
      throw RosError.runtime("failure: expected a number, got " + Values.str(value));
    }
    return n;
  }

  // ------------------------------------------------------------------ menu commands

  /**
   * Runs a menu command.
   *
   * @param asValue the command is in {@code [...]}: {@code print as-value} returns its array instead of printing
   */
  private Object menuCommand(MenuCommand c, boolean asValue) {
    Map<String, Object> named = new LinkedHashMap<>();
    List<Object> unnamed = new ArrayList<>();
    List<String> flags = new ArrayList<>();
    for (Arg arg : c.args()) {
      if (arg.name() == null) {
        unnamed.add(eval(arg.value()));
      } else if (arg.value() == null) {
        flags.add(arg.name());
      } else {
        named.put(state.schema.storedName(c.menu(), arg.name()), eval(arg.value()));
      }
    }
    String menu = c.menu();
    switch (menu) {
      case "/" -> {
        return c.command().equals("export") ? export(null, named, flags) : importFile(named, unnamed);
      }
      case "/system identity" -> {
        return identity(c.command(), named, unnamed);
      }
      case "/system clock" -> {
        return clock(c.command(), named, unnamed);
      }
      case "/system resource" -> {
        Map<String, String> values = router.resource();
        if (c.command().equals("get")) {
          return values.get(Values.str(unnamed.get(0)));
        }
        out.append(Formatter.keyValues(values));
        return null;
      }
      default -> { }
    }
    if (c.command().equals("export")) {
      return export(menu, named, flags);
    }
    boolean generic = menu.equals("/interface");
    Menu schema = generic ? null : state.schema.menu(menu);
    List<Entry> list = generic ? state.interfaces() : state.list(menu);
    switch (c.command()) {
      case "print" -> {
        if (asValue && flags.contains("as-value")) {
          List<Object> values = new ArrayList<>();
          for (Entry e : matching(list, Map.of(), c.where())) {
            values.add(".id=" + e.idString());
            for (Prop prop : printed(menu, schema)) {
              values.add(prop.name() + "=" + printValue(e, prop.name()));
            }
          }
          return values;
        }
        print(menu, schema, list, c, named, flags);
        return null;
      }
      case "find" -> {
        List<Object> ids = new ArrayList<>();
        for (Entry e : matching(list, named, c.where())) {
          ids.add(new Id(e.id));
        }
        return ids;
      }
      case "get" -> {
        if (unnamed.isEmpty()) {
          throw RosError.runtime("missing value(s) of argument(s) number");
        }
        List<Entry> selected = items(menu, list, unnamed.get(0));
        if (selected.isEmpty()) {
          throw RosError.runtime("no such item");
        }
        Entry e = selected.get(0);
        if (unnamed.size() < 2) {
          Map<String, String> all = new LinkedHashMap<>(e.values);
          return new ArrayList<Object>(all.entrySet().stream().map(x -> x.getKey() + "=" + x.getValue()).toList());
        }
        String prop = Values.str(unnamed.get(1));
        String view = interfaceView(e, prop);
        if (view != null) {
          return view;
        }
        if (e.menu.prop(prop).isEmpty()) {
          throw RosError.runtime("no such property " + prop);
        }
        return e.get(prop);
      }
      case "add" -> {
        return add(schema, named);
      }
      case "set" -> {
        if (unnamed.isEmpty()) {
          throw RosError.runtime("missing value(s) of argument(s) numbers");
        }
        List<Entry> targets = items(menu, list, unnamed.get(0));
        for (Entry e : targets) {
          set(e, named);
        }
        return null;
      }
      case "unset" -> {
        // unset ITEMS PROPERTY: the property goes back to its default (how 7.0-7.9 ungroup VRRP).
        if (unnamed.size() != 2) {
          throw RosError.runtime("missing value(s) of argument(s) value-name");
        }
        String property = state.schema.storedName(menu, Values.str(unnamed.get(1)));
        Prop prop = schema.prop(property).orElseThrow(() -> RosError.runtime("input does not match any value of value-name"));
        for (Entry e : items(menu, list, unnamed.get(0))) {
          e.values.put(property, prop.defaultValue());
        }
        return null;
      }
      case "remove" -> {
        for (Entry e : items(menu, unnamed)) {
          state.list(e.menu.path()).remove(e);
          router.forgetRole(e);
        }
        return null;
      }
      case "enable", "disable" -> {
        for (Entry e : items(menu, unnamed)) {
          e.values.put("disabled", c.command().equals("disable") ? "yes" : "no");
        }
        return null;
      }
      case "run" -> {
        for (Entry script : items(menu, unnamed)) {
          runScript(script);
        }
        return null;
      }
      case "import" -> {
        String user = Values.str(named.getOrDefault("user", ""));
        String fileName = Values.str(named.getOrDefault("public-key-file", ""));
        Entry file = state.named(Schema.FILE, fileName)
            .orElseThrow(() -> RosError.runtime("failure: no such file " + fileName));
        if (state.named(Schema.USER, user).isEmpty()) {
          throw RosError.runtime("input does not match any value of user");
        }
        state.list(Schema.SSH_KEYS).add(state.sshKey(user, file.get("contents")));
        state.list(Schema.FILE).remove(file); // RouterOS deletes the key file after importing it
        return null;
      }
      default -> throw RosError.runtime("bad command name " + c.command());
    }
  }

  private List<Entry> items(String menu, List<Object> unnamed) {
    if (unnamed.isEmpty()) {
      throw RosError.runtime("missing value(s) of argument(s) numbers");
    }
    List<Entry> list = menu.equals("/interface") ? state.interfaces() : state.list(menu);
    return items(menu, list, unnamed.get(0));
  }

  /** The entries an item argument names: ids from find, {@code *N}, print numbers, names, comma lists. */
  private List<Entry> items(String menu, List<Entry> list, Object selector) {
    List<Object> parts = new ArrayList<>();
    if (selector instanceof List<?> selected) {
      parts.addAll(selected);
    } else if (selector instanceof Id id) {
      parts.add(id);
    } else {
      String text = Values.str(selector);
      if (text.isEmpty()) {
        throw RosError.runtime("no such item");
      }
      parts.addAll(Arrays.asList((Object[]) text.split(",")));
    }
    List<Entry> found = new ArrayList<>();
    for (Object part : parts) {
      Entry entry = null;
      if (part instanceof Id id) {
        entry = list.stream().filter(e -> e.id == id.value()).findFirst().orElse(null);
        if (entry == null) {
          continue; // an id from an earlier find whose entry is gone: RouterOS skips it
        }
      } else {
        String text = Values.str(part);
        if (text.startsWith("*")) {
          try {
            long id = Long.parseLong(text.substring(1), 16);
            entry = list.stream().filter(e -> e.id == id).findFirst().orElse(null);
          } catch (NumberFormatException e) {
            entry = null;
          }
        } else if (text.matches("[0-9]+")) {
          int index = Integer.parseInt(text);
          entry = index < list.size() ? list.get(index) : null;
        } else {
          entry = list.stream().filter(e -> e.menu.named() && e.name().equals(text)).findFirst().orElse(null);
        }
      }
      if (entry == null) {
        throw RosError.runtime("no such item");
      }
      if (!found.contains(entry)) {
        found.add(entry);
      }
    }
    return found;
  }

  private List<Entry> matching(List<Entry> list, Map<String, Object> equal, Expr where) {
    List<Entry> found = new ArrayList<>();
    for (Entry e : List.copyOf(list)) {
      boolean match = true;
      for (Map.Entry<String, Object> condition : equal.entrySet()) {
        String actual = condition.getKey().equals(".id") ? e.idString()
            : Optional.ofNullable(interfaceView(e, condition.getKey())).orElse(e.get(condition.getKey()));
        if (!boolText(actual).equals(boolText(condition.getValue()))) {
          match = false;
          break;
        }
      }
      if (match && where != null) {
        match = truthy(eval(where, e));
      }
      if (match) {
        found.add(e);
      }
    }
    return found;
  }

  private Object add(Menu menu, Map<String, Object> named) {
    Entry entry = state.newEntry(menu);
    if (menu.path().equals(Schema.FILE)) {
      String name = Values.str(named.getOrDefault("name", ""));
      if (name.isEmpty()) {
        throw RosError.runtime("failure: file name not specified");
      }
      if (state.named(Schema.FILE, name).isPresent()) {
        throw RosError.runtime("failure: file already exists");
      }
      state.writeFile(name, Values.str(named.getOrDefault("contents", "")), router.clock().now());
      return new Id(state.named(Schema.FILE, name).orElseThrow().id);
    }
    if (menu.path().equals(Schema.SSH_KEYS)) {
      String user = Values.str(named.getOrDefault("user", ""));
      if (state.named(Schema.USER, user).isEmpty()) {
        throw RosError.runtime("input does not match any value of user");
      }
      Entry key = state.sshKey(user, Values.str(named.getOrDefault("key", "")));
      state.list(Schema.SSH_KEYS).add(key);
      return new Id(key.id);
    }
    named = withNetmask(menu, named);
    for (Map.Entry<String, Object> arg : named.entrySet()) {
      entry.values.put(arg.getKey(), normalize(menu, arg.getKey(), Values.str(arg.getValue())));
    }
    if (menu.named() && entry.name().isEmpty()) {
      entry.values.put("name", freeName(menu));
    }
    checkRequired(entry);
    derive(entry, named.keySet());
    checkUnique(entry);
    state.list(menu.path()).add(entry);
    return new Id(entry.id);
  }

  /**
   * {@code /ip address add address=169.254.23.1 netmask=255.255.255.0}, the form ha-mikrotik's
   * startup script uses: RouterOS stores (and exports) {@code 169.254.23.1/24}.
   */
  private static Map<String, Object> withNetmask(Menu menu, Map<String, Object> named) {
    if (!menu.path().equals(Schema.ADDRESS) || !named.containsKey("netmask")) {
      return named;
    }
    Map<String, Object> out = new LinkedHashMap<>(named);
    long mask = Values.ipv4(Values.str(out.remove("netmask")));
    String address = Values.str(out.getOrDefault("address", ""));
    int bits = Long.bitCount(mask);
    if (mask < 0 || address.contains("/") || mask != ((0xFFFFFFFFL << (32 - bits)) & 0xFFFFFFFFL)) {
      throw RosError.runtime("invalid value for argument netmask");
    }
    out.put("address", address + "/" + bits);
    return out;
  }

  private void set(Entry entry, Map<String, Object> named) {
    if (entry.menu.path().equals(Schema.FILE)) {
      if (named.containsKey("contents")) {
        state.writeFile(entry.name(), Values.str(named.get("contents")), router.clock().now());
      }
      return;
    }
    Map<String, String> before = new LinkedHashMap<>(entry.values);
    for (Map.Entry<String, Object> arg : named.entrySet()) {
      if (entry.menu.prop(arg.getKey()).isEmpty()) {
        throw RosError.runtime("expected end of command");
      }
      entry.values.put(arg.getKey(), normalize(entry.menu, arg.getKey(), Values.str(arg.getValue())));
    }
    try {
      derive(entry, named.keySet());
      checkUnique(entry);
    } catch (TargetException e) {
      entry.values.clear();
      entry.values.putAll(before);
      throw e;
    }
    String oldName = before.getOrDefault("name", "");
    if (entry.menu.interfaceKind() != null && !oldName.equals(entry.name())) {
      renameReferences(oldName, entry.name());
    }
  }

  /**
   * RouterOS refers to interfaces by id, so a renamed interface stays in its bridge, address and
   * VRRP; the simulator stores names and follows the rename here.
   */
  private void renameReferences(String from, String to) {
    for (String path : List.of(Schema.BRIDGE_PORT, Schema.ADDRESS, Schema.VRRP)) {
      for (Entry e : state.list(path)) {
        for (String property : List.of("interface", "bridge", "group-master")) {
          if (e.values.containsKey(property) && e.get(property).equals(from)) {
            e.values.put(property, to);
          }
        }
      }
    }
    for (Entry bond : state.list(Schema.BONDING)) {
      List<String> slaves = new ArrayList<>(Arrays.asList(bond.get("slaves").split(",")));
      slaves.replaceAll(x -> x.equals(from) ? to : x);
      bond.values.put("slaves", String.join(",", slaves));
    }
  }

  private void checkRequired(Entry entry) {
    String path = entry.menu.path();
    for (String required : switch (path) {
      case Schema.VRRP, Schema.ADDRESS -> List.of("interface");
      case Schema.USER -> List.of("group");
      case Schema.BRIDGE_PORT -> List.of("interface", "bridge");
      case Schema.FIREWALL_FILTER -> List.of("chain");
      default -> List.<String>of();
    }) {
      if (entry.get(required).isEmpty()) {
        throw RosError.runtime("failure: " + required + " not specified");
      }
    }
    if (path.equals(Schema.ADDRESS) && entry.get("address").isEmpty()) {
      throw RosError.runtime("failure: address not specified");
    }
  }

  /** Fills derived properties: an address's network, a scheduler's start date and time. */
  private void derive(Entry entry, java.util.Set<String> given) {
    String path = entry.menu.path();
    if (path.equals(Schema.ADDRESS) && !given.contains("network")) {
      entry.values.put("network", Values.network(entry.get("address")));
    }
    if (path.equals(Schema.SCHEDULER)) {
      LocalDateTime now = router.clock().now();
      if (entry.get("start-time").isEmpty()) {
        entry.values.put("start-time",
            String.format(java.util.Locale.ROOT, "%02d:%02d:%02d", now.getHour(), now.getMinute(), now.getSecond()));
      }
      if (entry.get("start-date").isEmpty() && !entry.get("start-time").equals("startup")) {
        entry.values.put("start-date", state.schema.date(now.toLocalDate()));
      }
      if (given.contains("start-time") || given.contains("start-date") || given.contains("interval")
          || !entry.values.containsKey("run-count")) {
        router.schedule(entry);
      }
    }
    if (path.equals(Schema.SCRIPT)) {
      entry.values.putIfAbsent("owner", "admin");
      entry.values.putIfAbsent("run-count", "0");
    }
  }

  private String freeName(Menu menu) {
    for (int n = 1; ; n++) {
      String candidate = menu.defaultNamePrefix() + n;
      boolean taken = menu.interfaceKind() != null ? state.iface(candidate).isPresent()
          : state.named(menu.path(), candidate).isPresent();
      if (!taken) {
        return candidate;
      }
    }
  }

  private void checkUnique(Entry entry) {
    Menu menu = entry.menu;
    if (menu.interfaceKind() != null) {
      for (Entry other : state.interfaces()) {
        if (other != entry && other.name().equals(entry.name())) {
          throw RosError.runtime("failure: already have interface with such name");
        }
      }
      return;
    }
    List<Entry> list = state.list(menu.path());
    switch (menu.path()) {
      case Schema.ADDRESS -> {
        for (Entry other : list) {
          if (other != entry && other.get("address").equals(entry.get("address"))
              && other.get("interface").equals(entry.get("interface"))) {
            throw RosError.runtime("failure: already have such address");
          }
        }
      }
      case Schema.BRIDGE_PORT -> {
        for (Entry other : list) {
          if (other != entry && other.get("interface").equals(entry.get("interface"))) {
            throw RosError.runtime("failure: device already added as bridge port");
          }
        }
      }
      default -> {
        if (menu.named()) {
          for (Entry other : list) {
            if (other != entry && other.name().equals(entry.name())) {
              throw RosError.runtime("failure: item with such name already exists");
            }
          }
        }
      }
    }
  }

  /** Checks {@code raw} against the property's type and returns it as RouterOS stores it. */
  private String normalize(Menu menu, String property, String raw) {
    Prop prop = menu.prop(property).orElseThrow(() -> RosError.runtime("expected end of command"));
    String invalid = "invalid value for argument " + property;
    switch (prop.type()) {
      case TEXT -> {
        return raw;
      }
      case BOOL -> {
        return switch (raw) {
          case "yes", "true" -> "yes";
          case "no", "false" -> "no";
          default -> throw RosError.runtime(invalid);
        };
      }
      case INT -> {
        Long n = Values.num(raw);
        if (n == null || n < Long.parseLong(prop.choices().get(0)) || n > Long.parseLong(prop.choices().get(1))) {
          throw RosError.runtime(invalid);
        }
        return Long.toString(n);
      }
      case TIME -> {
        long ms = Values.millis(raw);
        if (ms < 0) {
          throw RosError.runtime(invalid);
        }
        return Values.time(ms);
      }
      case ENUM -> {
        if (!prop.choices().contains(raw)) {
          throw RosError.runtime(invalid);
        }
        return raw;
      }
      case LIST -> {
        for (String part : raw.split(",")) {
          if (!prop.choices().contains(part)) {
            throw RosError.runtime(invalid);
          }
        }
        return raw;
      }
      case INTERFACE -> {
        if (state.iface(raw).isEmpty()) {
          throw RosError.runtime("input does not match any value of " + property);
        }
        return raw;
      }
      case INTERFACES -> {
        if (!raw.isEmpty()) {
          for (String part : raw.split(",")) {
            if (state.iface(part).isEmpty()) {
              throw RosError.runtime("input does not match any value of " + property);
            }
          }
        }
        return raw;
      }
      case BRIDGE -> {
        if (state.named(Schema.BRIDGE, raw).isEmpty()) {
          throw RosError.runtime("input does not match any value of " + property);
        }
        return raw;
      }
      case VRRP -> {
        // Ungrouped is none from 7.10 (MikroTik's manual); 7.0-7.9 take no empty group
        // ("input does not match any value of group-master" on 7.7), only unset clears it.
        boolean named = "group-authority".equals(state.schema.dialect().vrrpGroupName(state.schema.version()));
        if (raw.equals("none") && named) {
          return "";
        }
        if (raw.isEmpty() && !named || !raw.isEmpty() && state.named(Schema.VRRP, raw).isEmpty()) {
          throw RosError.runtime("input does not match any value of " + property);
        }
        return raw;
      }
      case PREFIX -> {
        if (!Values.isPrefix(raw)) {
          throw RosError.runtime(invalid);
        }
        return raw.contains("/") ? raw : raw + "/32";
      }
      case ADDRESS -> {
        if (Values.ipv4(raw) < 0) {
          throw RosError.runtime(invalid);
        }
        return raw;
      }
      case DATE -> {
        LocalDate date = Values.date(raw);
        if (date == null) {
          throw RosError.runtime(invalid);
        }
        return state.schema.date(date);
      }
      case TIME_OF_DAY -> {
        if (raw.equals("startup")) {
          return raw;
        }
        LocalTime time = Values.timeOfDay(raw);
        if (time == null) {
          throw RosError.runtime(invalid);
        }
        return String.format(java.util.Locale.ROOT, "%02d:%02d:%02d", time.getHour(), time.getMinute(), time.getSecond());
      }
      default -> throw new IllegalStateException("unhandled property type " + prop.type());
    }
  }

  // ------------------------------------------------------------------ print, export, import

  private void print(String menu, Menu schema, List<Entry> list, MenuCommand c, Map<String, Object> named,
      List<String> flags) {
    List<Entry> entries = matching(list, Map.of(), c.where());
    List<Prop> props = printed(menu, schema);
    List<String> proplist = named.containsKey("proplist")
        ? Arrays.asList(Values.str(named.get("proplist")).split(",")) : null;
    String text;
    if (flags.contains("count-only")) {
      text = entries.size() + "\n";
    } else if (flags.contains("as-value")) {
      text = Formatter.printAsValue(entries, props, proplist, this::printValue, p -> state.schema.shownName(schema, p));
    } else {
      text = Formatter.printTerse(list, entries, props, e -> router.flags(e), proplist, this::printValue,
          p -> state.schema.shownName(schema, p));
      if (!flags.contains("terse")) {
        text = "Flags: " + flagLegend(menu) + "\n" + text;
      }
    }
    if (named.containsKey("file")) {
      String file = Values.str(named.get("file"));
      state.writeFile(file.contains(".") ? file : file + ".txt", text, router.clock().now());
      return;
    }
    out.append(text);
  }

  /**
   * The properties {@code print} shows: all of them, secrets as the dialect's export shows
   * them (v6 yes, v7 no), never a user's password.
   */
  private List<Prop> printed(String menu, Menu schema) {
    boolean showSecrets = state.schema.dialect() == RouterOsDialect.V6;
    List<Prop> props = schema != null ? schema.props() : genericInterfaceProps();
    return props.stream()
        .filter(p -> !(p.secret() && !showSecrets))
        .filter(p -> !(menu.equals(Schema.USER) && p.name().equals("password")))
        .toList();
  }

  private String printValue(Entry entry, String property) {
    String view = interfaceView(entry, property);
    return view != null ? view : entry.get(property);
  }

  private static List<Prop> genericInterfaceProps() {
    return List.of(Prop.text("name", null), Prop.readOnly("type"), Prop.text("comment", ""),
        Prop.of(Prop.Type.BOOL, "disabled", "no"));
  }

  private static String flagLegend(String menu) {
    return switch (menu) {
      case Schema.VRRP -> "X - disabled, I - invalid, R - running, M - master, B - backup";
      case Schema.ADDRESS -> "X - disabled, I - invalid, D - dynamic";
      case Schema.ROUTE -> "X - disabled, A - active, D - dynamic, S - static";
      case Schema.BRIDGE_PORT -> "X - disabled, I - inactive";
      default -> "X - disabled, R - running";
    };
  }

  private Object export(String menu, Map<String, Object> named, List<String> flags) {
    boolean v6 = state.schema.dialect() == RouterOsDialect.V6;
    boolean showSecrets = v6 ? !flags.contains("hide-sensitive") : flags.contains("show-sensitive");
    String text = Formatter.export(router, menu, flags.contains("terse"), showSecrets);
    if (named.containsKey("file")) {
      String file = Values.str(named.get("file"));
      state.writeFile(file.endsWith(".rsc") ? file : file + ".rsc", text, router.clock().now());
      return null;
    }
    out.append(text);
    return null;
  }

  private Object importFile(Map<String, Object> named, List<Object> unnamed) {
    String name = named.containsKey("file-name") ? Values.str(named.get("file-name"))
        : unnamed.isEmpty() ? "" : Values.str(unnamed.get(0));
    Entry file = state.named(Schema.FILE, name).orElseThrow(() -> RosError.runtime("failure: no such file " + name));
    List<Stmt> body = ScriptParser.parse(file.get("contents"), state.schema, "/");
    Interpreter nested = new Interpreter(router, origin + " > import " + name, fromSsh);
    try {
      nested.block(body);
    } finally {
      out.append(nested.output());
    }
    out.append("Script file loaded and executed successfully\n");
    return null;
  }

  private void runScript(Entry script) {
    long count = Optional.ofNullable(Values.num(script.get("run-count"))).orElse(0L);
    script.values.put("run-count", Long.toString(count + 1));
    Interpreter nested = new Interpreter(router, origin + " > script " + script.name(), fromSsh);
    try {
      List<Stmt> body = ScriptParser.parse(script.get("source"), state.schema, "/");
      nested.block(body);
    } finally {
      out.append(nested.output());
    }
  }

  // ------------------------------------------------------------------ singleton menus

  private Object identity(String command, Map<String, Object> named, List<Object> unnamed) {
    switch (command) {
      case "print" -> out.append("  name: ").append(state.identity).append('\n');
      case "set" -> {
        if (named.containsKey("name")) {
          state.identity = Values.str(named.get("name"));
        }
      }
      case "get" -> {
        return state.identity;
      }
      case "export" -> {
        return export("/system identity", Map.of(), List.of("terse"));
      }
      default -> { }
    }
    return null;
  }

  private Object clock(String command, Map<String, Object> named, List<Object> unnamed) {
    LocalDateTime now = router.clock().now();
    Map<String, String> values = new LinkedHashMap<>();
    values.put("time", String.format(java.util.Locale.ROOT, "%02d:%02d:%02d", now.getHour(), now.getMinute(), now.getSecond()));
    values.put("date", state.schema.date(now.toLocalDate()));
    values.put("time-zone-autodetect", "no");
    values.put("time-zone-name", "manual");
    values.put("gmt-offset", "+00:00");
    values.put("dst-active", "no");
    switch (command) {
      case "print" -> out.append(Formatter.keyValues(values));
      case "get" -> {
        return values.get(unnamed.isEmpty() ? "" : Values.str(unnamed.get(0)));
      }
      case "set" -> {
        LocalDate date = named.containsKey("date") ? Values.date(Values.str(named.get("date"))) : now.toLocalDate();
        LocalTime time = named.containsKey("time") ? Values.timeOfDay(Values.str(named.get("time"))) : now.toLocalTime();
        if (date == null) {
          throw RosError.runtime("invalid value for argument date");
        }
        if (time == null) {
          throw RosError.runtime("invalid value for argument time");
        }
        router.clock().set(LocalDateTime.of(date, time));
      }
      default -> { }
    }
    return null;
  }
}
