// Opens exports in the Gephi toolkit and prints what it read, one JSON object a line (tests/test_export_consumers.py).
// Usage: java -cp gephi-toolkit-all.jar:. GephiRead NODE_KEY EDGE_ID FILE_OR_GEPHI_CSV_FOLDER...
import java.io.File;
import java.util.ArrayList;
import java.util.List;
import org.gephi.graph.api.Column;
import org.gephi.graph.api.Edge;
import org.gephi.graph.api.Graph;
import org.gephi.graph.api.GraphController;
import org.gephi.graph.api.GraphModel;
import org.gephi.graph.api.Node;
import org.gephi.io.importer.api.Container;
import org.gephi.io.importer.api.ImportController;
import org.gephi.io.importer.api.Issue;
import org.gephi.io.processor.plugin.DefaultProcessor;
import org.gephi.io.processor.plugin.MergeProcessor;
import org.gephi.project.api.ProjectController;
import org.gephi.project.api.Workspace;
import org.openide.util.Lookup;

public class GephiRead {
    public static void main(String[] args) throws Exception {
        String nodeKey = args[0];
        String edgeId = args[1];
        ProjectController projects = Lookup.getDefault().lookup(ProjectController.class);
        projects.newProject();
        ImportController importer = Lookup.getDefault().lookup(ImportController.class);
        for (int i = 2; i < args.length; i++) {
            Workspace workspace = projects.newWorkspace(projects.getCurrentProject());
            File file = new File(args[i]);
            // A folder is a gephi-csv export: its nodes.csv and edges.csv merged into one graph, as Gephi's
            // "Import spreadsheet" of both files does.
            File[] files = file.isDirectory()
                    ? new File[] {new File(file, "nodes.csv"), new File(file, "edges.csv")}
                    : new File[] {file};
            Container[] containers = new Container[files.length];
            List<String> issues = new ArrayList<>();
            for (int f = 0; f < files.length; f++) {
                containers[f] = importer.importFile(files[f]);
                containers[f].getReport().getIssues(100).forEachRemaining(
                        (Issue issue) -> issues.add(quote(issue.getLevel() + ": " + issue.getMessage())));
            }
            if (files.length == 1) {
                importer.process(containers[0], new DefaultProcessor(), workspace);
            } else {
                importer.process(containers, new MergeProcessor(), workspace);
            }
            GraphModel model = Lookup.getDefault().lookup(GraphController.class).getGraphModel(workspace);
            Graph graph = model.getGraph();
            Node node = graph.getNode(nodeKey);
            Edge edge = graph.getEdge(edgeId);
            StringBuilder out = new StringBuilder("{");
            out.append("\"file\":").append(quote(args[i]));
            out.append(",\"nodes\":").append(graph.getNodeCount());
            out.append(",\"edges\":").append(graph.getEdgeCount());
            out.append(",\"issues\":").append(issues);
            out.append(",\"node\":").append(node == null ? "null" : attributes(model.getNodeTable().toArray(), node));
            out.append(",\"nodeLabel\":").append(node == null ? "null" : quote(node.getLabel()));
            out.append(",\"edge\":").append(edge == null ? "null" : attributes(model.getEdgeTable().toArray(), edge));
            if (edge != null) {
                out.append(",\"edgeWeight\":").append(edge.getWeight());
                out.append(",\"edgeKind\":").append(quote(String.valueOf(model.getEdgeTypeLabel(edge.getType()))));
                out.append(",\"edgeEnds\":[").append(quote(edge.getSource().getId().toString())).append(",")
                        .append(quote(edge.getTarget().getId().toString())).append("]");
            }
            System.out.println(out.append("}"));
        }
        System.exit(0);
    }

    private static String attributes(Column[] columns, org.gephi.graph.api.Element element) {
        StringBuilder out = new StringBuilder("{");
        for (Column column : columns) {
            Object value = element.getAttribute(column);
            if (value == null) continue;
            if (out.length() > 1) out.append(",");
            out.append(quote(column.getTitle())).append(":")
                    .append(quote(column.getTypeClass().getSimpleName() + ":" + value));
        }
        return out.append("}").toString();
    }

    private static String quote(String text) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            if (c == '"' || c == '\\') out.append('\\').append(c);
            else if (c < 0x20) out.append(String.format("\\u%04x", (int) c));
            else out.append(c);
        }
        return out.append("\"").toString();
    }
}
